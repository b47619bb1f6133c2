package org.hearth.nostr.message;

import java.util.Objects;
import java.util.Optional;
import org.hearth.nostr.event.Event;

/** What a relay sends to a client (NIP-01, NIP-42, NIP-45). */
public sealed interface RelayMessage {

  /** {@code ["EVENT", <subscription id>, <event>]}. */
  record Delivery(String subscriptionId, Event event) implements RelayMessage {
    public Delivery {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      Objects.requireNonNull(event, "event");
    }
  }

  /** {@code ["OK", <event id>, <true|false>, <message>]}. */
  record Ok(String eventId, boolean accepted, String message) implements RelayMessage {
    public Ok {
      Objects.requireNonNull(eventId, "eventId");
      message = message == null ? "" : message;
    }

    public static Ok accepted(String eventId) {
      return new Ok(eventId, true, "");
    }

    public static Ok rejected(String eventId, Prefix prefix, String why) {
      return new Ok(eventId, false, prefix.format(why));
    }

    public Optional<Prefix> prefix() {
      return Prefix.of(message);
    }
  }

  /** {@code ["EOSE", <subscription id>]}. */
  record Eose(String subscriptionId) implements RelayMessage {
    public Eose {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
    }
  }

  /** {@code ["CLOSED", <subscription id>, <message>]}. */
  record Closed(String subscriptionId, String message) implements RelayMessage {
    public Closed {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      message = message == null ? "" : message;
    }

    public Optional<Prefix> prefix() {
      return Prefix.of(message);
    }
  }

  /** {@code ["NOTICE", <message>]}. */
  record Notice(String message) implements RelayMessage {
    public Notice {
      Objects.requireNonNull(message, "message");
    }
  }

  /** {@code ["AUTH", <challenge>]} (NIP-42). */
  record AuthChallenge(String challenge) implements RelayMessage {
    public AuthChallenge {
      Objects.requireNonNull(challenge, "challenge");
    }
  }

  /** {@code ["COUNT", <subscription id>, {"count": n, "approximate"?: bool}]} (NIP-45). */
  record CountResult(String subscriptionId, long count, boolean approximate)
      implements RelayMessage {
    public CountResult {
      Objects.requireNonNull(subscriptionId, "subscriptionId");
    }
  }
}
