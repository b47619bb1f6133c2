package org.hearth.finetune.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OllamaRegistrarTest {
  @TempDir Path adapter;
  byte[] config;
  byte[] weights;

  @BeforeEach
  void writeAdapter() throws IOException {
    config = "{\"peft_type\":\"LORA\",\"r\":4,\"lora_alpha\":16}".getBytes();
    weights = new byte[300_000];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (byte) (i * 31 + 7);
    }
    Files.write(adapter.resolve("adapter_config.json"), config);
    Files.write(adapter.resolve("adapter_model.safetensors"), weights);
  }

  @Test
  void uploadsBlobsThenCreatesFromBaseWithAdapterDigests() throws IOException {
    try (OllamaDouble ollama = new OllamaDouble(Set.of("llama3.2:1b"))) {
      OllamaRegistrar registrar = new OllamaRegistrar(ollama.uri(), Duration.ofSeconds(10));
      Map<String, String> sent = registrar.register("hearth-family", "llama3.2:1b", adapter);
      String configDigest = BlobDigest.of(config);
      String weightsDigest = BlobDigest.of(weights);
      assertThat(sent)
          .containsExactly(
              Map.entry("adapter_config.json", configDigest),
              Map.entry("adapter_model.safetensors", weightsDigest));
      assertThat(ollama.requests)
          .extracting(r -> r.method() + " " + r.path())
          .containsExactly(
              "HEAD /api/blobs/" + configDigest,
              "POST /api/blobs/" + configDigest,
              "HEAD /api/blobs/" + weightsDigest,
              "POST /api/blobs/" + weightsDigest,
              "POST /api/create");
      assertThat(ollama.blobs.get(weightsDigest)).isEqualTo(weights);
      JsonNode create = ollama.creates.get(0);
      assertThat(create.path("model").asText()).isEqualTo("hearth-family");
      assertThat(create.path("from").asText()).isEqualTo("llama3.2:1b");
      assertThat(create.path("adapters").path("adapter_model.safetensors").asText())
          .isEqualTo(weightsDigest);
      assertThat(create.path("adapters").path("adapter_config.json").asText())
          .isEqualTo(configDigest);
      assertThat(create.path("adapters").size()).isEqualTo(2);
      assertThat(create.path("quantize").isBoolean()).isFalse();
    }
  }

  @Test
  void existingBlobsAreNotUploadedAgain() throws IOException {
    try (OllamaDouble ollama = new OllamaDouble(Set.of("llama3.2:1b"))) {
      OllamaRegistrar registrar = new OllamaRegistrar(ollama.uri(), Duration.ofSeconds(10));
      registrar.register("first", "llama3.2:1b", adapter);
      ollama.requests.clear();
      registrar.register("second", "llama3.2:1b", adapter);
      assertThat(ollama.requests)
          .extracting(OllamaDouble.Request::method)
          .containsExactly("HEAD", "HEAD", "POST");
    }
  }

  @Test
  void unknownBaseModelIsATypedErrorWithOllamasReason() throws IOException {
    try (OllamaDouble ollama = new OllamaDouble(Set.of())) {
      OllamaRegistrar registrar = new OllamaRegistrar(ollama.uri(), Duration.ofSeconds(10));
      assertThatThrownBy(() -> registrar.register("x", "missing:7b", adapter))
          .isInstanceOf(OllamaRegistrationException.class)
          .hasMessageContaining("model 'missing:7b' not found");
    }
  }

  @Test
  void incompleteAdapterDirectoryIsRejectedBeforeAnyRequest() throws IOException {
    Files.delete(adapter.resolve("adapter_config.json"));
    try (OllamaDouble ollama = new OllamaDouble(Set.of("llama3.2:1b"))) {
      OllamaRegistrar registrar = new OllamaRegistrar(ollama.uri(), Duration.ofSeconds(10));
      assertThatThrownBy(() -> registrar.register("x", "llama3.2:1b", adapter))
          .isInstanceOf(OllamaRegistrationException.class)
          .hasMessageContaining("adapter_config.json");
      assertThat(ollama.requests).isEqualTo(List.of());
    }
  }

  @Test
  void unreachableOllamaIsATypedError() throws IOException {
    java.net.URI closed;
    try (OllamaDouble ollama = new OllamaDouble(Set.of())) {
      closed = ollama.uri();
    }
    OllamaRegistrar registrar = new OllamaRegistrar(closed, Duration.ofSeconds(2));
    assertThatThrownBy(() -> registrar.register("x", "llama3.2:1b", adapter))
        .isInstanceOf(IOException.class);
  }
}
