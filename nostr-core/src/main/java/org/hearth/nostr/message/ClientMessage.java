package org.hearth.nostr.message;

import java.util.List;
import java.util.Objects;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;

/** What a client sends to a relay (NIP-01, NIP-42, NIP-45). */
public sealed interface ClientMessage {

  /** {@code ["EVENT", <event>]}. */
  record Publish(Event event) implements ClientMessage {
    public Publish {
      Objects.requireNonNull(event, "event");
    }
  }

  /** {@code ["REQ", <subscription id>, <filter>...]}. */
  record Req(String subscriptionId, List<Filter> filters) implements ClientMessage {
    public Req {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      filters = List.copyOf(filters);
    }
  }

  /** {@code ["CLOSE", <subscription id>]}. */
  record Close(String subscriptionId) implements ClientMessage {
    public Close {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
    }
  }

  /** {@code ["AUTH", <signed 22242 event>]} (NIP-42). */
  record Auth(Event event) implements ClientMessage {
    public Auth {
      Objects.requireNonNull(event, "event");
    }
  }

  /** {@code ["COUNT", <subscription id>, <filter>...]} (NIP-45). */
  record Count(String subscriptionId, List<Filter> filters) implements ClientMessage {
    public Count {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      filters = List.copyOf(filters);
    }
  }
}
