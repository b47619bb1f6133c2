package org.hearth.assistant.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.hearth.nostr.Hex;

/**
 * What the assistant reads from its relay's NIP-11 document.
 *
 * @param self the relay's own key ({@code self}), when given
 * @param maxMessageLength {@code limitation.max_message_length} in bytes, when given
 */
public record RelayInfo(Optional<String> self, OptionalInt maxMessageLength) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BYTES = 64 * 1024;

  /** The NIP-11 document of the relay at {@code wsUrl}, empty when unreachable or invalid. */
  public static Optional<RelayInfo> fetch(HttpClient http, String wsUrl, Duration timeout) {
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
      JsonNode doc = JSON.readTree(r.body());
      JsonNode self = doc.path("self");
      JsonNode max = doc.path("limitation").path("max_message_length");
      return Optional.of(
          new RelayInfo(
              self.isTextual() && Hex.isLowerHex(self.asText(), 32)
                  ? Optional.of(self.asText())
                  : Optional.empty(),
              max.canConvertToInt() && max.asInt() > 0
                  ? OptionalInt.of(max.asInt())
                  : OptionalInt.empty()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The {@code self} pubkey of the relay at {@code wsUrl}, empty when unknown or unreachable. */
  public static Optional<String> self(HttpClient http, String wsUrl, Duration timeout) {
    return fetch(http, wsUrl, timeout).flatMap(RelayInfo::self);
  }
}
