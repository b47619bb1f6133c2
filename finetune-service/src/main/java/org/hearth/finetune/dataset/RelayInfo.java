package org.hearth.finetune.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import org.hearth.nostr.Hex;

/**
 * What a dataset build needs from the relay's NIP-11 document: its own key ({@code self}, which
 * signs the NIP-43 member list) and its {@code max_limit} (which caps each page).
 *
 * @param self the relay's own hex public key
 * @param maxLimit the largest limit the relay honours, when it says
 */
record RelayInfo(String self, OptionalInt maxLimit) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static RelayInfo fetch(RelayAddress address, Duration timeout) throws DatasetException {
    HttpRequest req =
        HttpRequest.newBuilder(address.http())
            .header("Accept", "application/nostr+json")
            .timeout(timeout)
            .GET()
            .build();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build()) {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new DatasetException(
            "relay " + address.relay() + " has no NIP-11 document (HTTP " + r.statusCode() + ")");
      }
      return parse(address.relay(), r.body());
    } catch (IOException e) {
      throw new DatasetException(
          "cannot reach relay " + address.relay() + " at " + address.http() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException("interrupted while reading relay " + address.relay(), e);
    }
  }

  static RelayInfo parse(String relay, String body) throws DatasetException {
    JsonNode doc;
    try {
      doc = JSON.readTree(body);
    } catch (IOException e) {
      throw new DatasetException("relay " + relay + " sent an unreadable NIP-11 document");
    }
    JsonNode self = doc.path("self");
    if (!self.isTextual() || !Hex.isLowerHex(self.asText(), 32)) {
      throw new DatasetException(
          "relay "
              + relay
              + " names no own key (NIP-11 self): its NIP-43 member list cannot be trusted");
    }
    JsonNode max = doc.path("limitation").path("max_limit");
    return new RelayInfo(
        self.asText(),
        max.canConvertToInt() && max.asInt() > 1
            ? OptionalInt.of(max.asInt())
            : OptionalInt.empty());
  }
}
