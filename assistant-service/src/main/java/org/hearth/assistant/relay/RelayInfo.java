package org.hearth.assistant.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.hearth.nostr.Hex;

/** Reads a relay's NIP-11 document for its own key ({@code self}). */
public final class RelayInfo {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BYTES = 64 * 1024;

  private RelayInfo() {}

  /** The {@code self} pubkey of the relay at {@code wsUrl}, empty when unknown or unreachable. */
  public static Optional<String> self(HttpClient http, String wsUrl, Duration timeout) {
    String httpUrl = wsUrl.replaceFirst("^ws", "http");
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(httpUrl))
                  .header("Accept", "application/nostr+json")
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200 || r.body().length > MAX_BYTES) {
        return Optional.empty();
      }
      JsonNode self = JSON.readTree(r.body()).path("self");
      return self.isTextual() && Hex.isLowerHex(self.asText(), 32)
          ? Optional.of(self.asText())
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
