package org.hearth.relay.ws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import org.hearth.nostr.Hex;
import org.hearth.nostr.event.EventJson;
import org.hearth.nostr.message.MessageCodec;

/** Salvages what can be answered from a frame the codec rejected. */
final class FrameErrors {
  private FrameErrors() {}

  /**
   * The id of a malformed {@code ["EVENT", {...}]} frame, when it has a well-formed one, so the
   * client gets an {@code OK false} for that event rather than only a NOTICE.
   */
  static Optional<String> eventId(String frame) {
    try (JsonParser p = EventJson.FACTORY.createParser(frame)) {
      if (p.nextToken() != JsonToken.START_ARRAY
          || p.nextToken() != JsonToken.VALUE_STRING
          || !"EVENT".equals(p.getText())
          || p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("id".equals(name) && v == JsonToken.VALUE_STRING) {
          String id = p.getText();
          return Hex.isLowerHex(id, 32) ? Optional.of(id) : Optional.empty();
        }
        p.skipChildren();
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The subscription id of a malformed {@code ["REQ", "<id>", …]} or {@code ["COUNT", "<id>", …]}
   * frame, when it is a well-formed one (a non-empty string of at most {@link
   * MessageCodec#MAX_SUBSCRIPTION_ID} characters), so the client gets {@code CLOSED} for that
   * subscription and does not wait for an EOSE that never comes.
   */
  static Optional<String> subscriptionId(String frame) {
    try (JsonParser p = EventJson.FACTORY.createParser(frame)) {
      if (p.nextToken() != JsonToken.START_ARRAY
          || p.nextToken() != JsonToken.VALUE_STRING
          || !("REQ".equals(p.getText()) || "COUNT".equals(p.getText()))
          || p.nextToken() != JsonToken.VALUE_STRING) {
        return Optional.empty();
      }
      String id = p.getText();
      return id.isEmpty() || id.length() > MessageCodec.MAX_SUBSCRIPTION_ID
          ? Optional.empty()
          : Optional.of(id);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
