package org.hearth.relay.fanout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventJson;

/**
 * What one replica tells the others on the exchange: {@code {"instance":…,"relay":…,"event":{…}}}
 * (JSON, the event in its wire form).
 *
 * @param instance the publishing replica's {@code hearth.relay.fanout.instance-id}
 * @param relay the relay (path segment) the event was accepted on
 */
public record BrokerEnvelope(String instance, String relay, Event event) {

  public String toJson() {
    StringBuilder sb = new StringBuilder(256 + event.content().length());
    sb.append("{\"instance\":");
    EventJson.quote(sb, instance, true);
    sb.append(",\"relay\":");
    EventJson.quote(sb, relay, true);
    sb.append(",\"event\":");
    EventJson.writeTo(sb, event);
    return sb.append('}').toString();
  }

  /** Parses strictly; throws {@link DecodeException} saying what is wrong. */
  public static BrokerEnvelope fromJson(String json) {
    try (JsonParser p = EventJson.FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DecodeException("a fan-out message must be a JSON object");
      }
      String instance = null;
      String relay = null;
      Event event = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "instance" -> instance = text(p, v, field);
          case "relay" -> relay = text(p, v, field);
          case "event" -> {
            if (v != JsonToken.START_OBJECT) {
              throw new DecodeException("event must be an object");
            }
            event = EventJson.read(p);
          }
          default -> p.skipChildren();
        }
      }
      if (instance == null || relay == null || event == null) {
        throw new DecodeException("a fan-out message needs instance, relay and event");
      }
      return new BrokerEnvelope(instance, relay, event);
    } catch (IOException e) {
      throw new DecodeException("malformed fan-out message: " + EventJson.shortMessage(e), e);
    }
  }

  private static String text(JsonParser p, JsonToken v, String field) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw new DecodeException(field + " must be a string");
    }
    return p.getText();
  }
}
