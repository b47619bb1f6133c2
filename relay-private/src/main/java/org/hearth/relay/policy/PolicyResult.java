package org.hearth.relay.policy;

import java.util.Objects;
import org.hearth.nostr.message.Prefix;

/** What a policy decided about an event: a value, never an exception. */
public sealed interface PolicyResult {

  /** The shared accept value. */
  PolicyResult ACCEPT = new Accept();

  /** The policy has no objection. */
  record Accept() implements PolicyResult {}

  /** Refused; the client gets {@code OK false "<prefix>: <message>"}. */
  record Reject(Prefix prefix, String message) implements PolicyResult {
    public Reject {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Refused silently: the client gets {@code OK true}, nothing is stored or delivered. */
  record ShadowReject(String reason) implements PolicyResult {
    public ShadowReject {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static PolicyResult reject(Prefix prefix, String message) {
    return new Reject(prefix, message);
  }
}
