package org.hearth.nostr.message;

import java.util.List;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventJson;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.filter.FilterJson;

/** Compact JSON for the wire messages; strings escaped as valid JSON. */
final class MessageWriter {
  private MessageWriter() {}

  static String write(ClientMessage message) {
    StringBuilder sb = new StringBuilder(256);
    switch (message) {
      case ClientMessage.Publish m -> event(head(sb, "EVENT"), m.event());
      case ClientMessage.Req m -> filters(string(head(sb, "REQ"), m.subscriptionId()), m.filters());
      case ClientMessage.Close m -> string(head(sb, "CLOSE"), m.subscriptionId());
      case ClientMessage.Auth m -> event(head(sb, "AUTH"), m.event());
      case ClientMessage.Count m ->
          filters(string(head(sb, "COUNT"), m.subscriptionId()), m.filters());
    }
    return sb.append(']').toString();
  }

  static String write(RelayMessage message) {
    StringBuilder sb = new StringBuilder(256);
    switch (message) {
      case RelayMessage.Delivery m ->
          event(string(head(sb, "EVENT"), m.subscriptionId()).append(','), m.event());
      case RelayMessage.Ok m ->
          string(
              string(head(sb, "OK"), m.eventId()).append(',').append(m.accepted()).append(','),
              m.message());
      case RelayMessage.Eose m -> string(head(sb, "EOSE"), m.subscriptionId());
      case RelayMessage.Closed m ->
          string(string(head(sb, "CLOSED"), m.subscriptionId()).append(','), m.message());
      case RelayMessage.Notice m -> string(head(sb, "NOTICE"), m.message());
      case RelayMessage.AuthChallenge m -> string(head(sb, "AUTH"), m.challenge());
      case RelayMessage.CountResult m -> {
        string(head(sb, "COUNT"), m.subscriptionId()).append(",{\"count\":").append(m.count());
        if (m.approximate()) {
          sb.append(",\"approximate\":true");
        }
        sb.append('}');
      }
    }
    return sb.append(']').toString();
  }

  /** {@code ["TYPE",}. */
  private static StringBuilder head(StringBuilder sb, String type) {
    return sb.append("[\"").append(type).append("\",");
  }

  private static StringBuilder string(StringBuilder sb, String s) {
    EventJson.quote(sb, s, true);
    return sb;
  }

  private static StringBuilder event(StringBuilder sb, Event e) {
    EventJson.writeTo(sb, e);
    return sb;
  }

  private static StringBuilder filters(StringBuilder sb, List<Filter> filters) {
    for (Filter f : filters) {
      FilterJson.writeTo(sb.append(','), f);
    }
    return sb;
  }
}
