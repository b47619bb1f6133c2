package org.hearth.finetune.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Ollama: runs only in the {@code ollama-live} profile, which Maven activates when
 * the environment variable OLLAMA_HOST is set (e.g. {@code http://127.0.0.1:11434}).
 */
class OllamaLiveIT {
  @TempDir Path dir;

  @Test
  void realOllamaStoresOurBlobsAndRejectsAnUnknownBase() throws Exception {
    URI host =
        URI.create(
            System.getenv("OLLAMA_HOST").startsWith("http")
                ? System.getenv("OLLAMA_HOST")
                : "http://" + System.getenv("OLLAMA_HOST"));
    Path file =
        Files.writeString(
            dir.resolve("adapter_config.json"), "{\"probe\":\"" + UUID.randomUUID() + "\"}");
    String digest = new BlobUploader(host, Duration.ofSeconds(30)).upload(file);
    HttpResponse<Void> head =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(host.resolve("/api/blobs/" + digest))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
    Files.writeString(dir.resolve("adapter_model.safetensors"), "not a tensor file");
    OllamaRegistrar registrar = new OllamaRegistrar(host, Duration.ofSeconds(30));
    assertThatThrownBy(
            () -> registrar.register("hearth-probe", "no-such-base-" + UUID.randomUUID(), dir))
        .isInstanceOf(IOException.class);
  }
}
