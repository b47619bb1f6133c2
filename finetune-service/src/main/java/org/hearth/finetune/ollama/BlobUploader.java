package org.hearth.finetune.ollama;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Uploads files as Ollama blobs, the part ollama4j lacks: {@code HEAD /api/blobs/<digest>} (200 =
 * already there), else {@code POST /api/blobs/<digest>} streaming the file (201 = created).
 */
public final class BlobUploader {
  private final URI host;
  private final HttpClient http;
  private final Duration timeout;

  public BlobUploader(URI host, Duration timeout) {
    this.host = host;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Makes sure Ollama holds the file's bytes; returns its digest. */
  public String upload(Path file) throws IOException {
    String digest = BlobDigest.of(file);
    URI uri = host.resolve("/api/blobs/" + digest);
    int head =
        send(
                HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                "HEAD",
                file)
            .statusCode();
    if (head == 200) {
      return digest;
    }
    if (head != 404) {
      throw new OllamaRegistrationException("HEAD " + uri.getPath() + " answered " + head);
    }
    HttpResponse<String> post =
        send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofFile(file)),
            "POST",
            file);
    if (post.statusCode() != 201 && post.statusCode() != 200) {
      throw new OllamaRegistrationException(
          "uploading "
              + file.getFileName()
              + " answered "
              + post.statusCode()
              + ": "
              + post.body());
    }
    return digest;
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String method, Path file)
      throws IOException {
    try {
      return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OllamaRegistrationException(
          method + " blob of " + file.getFileName() + " interrupted", e);
    }
  }
}
