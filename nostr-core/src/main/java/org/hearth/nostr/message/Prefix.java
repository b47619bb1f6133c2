package org.hearth.nostr.message;

import java.util.Optional;

/** The machine-readable prefixes of NIP-01 OK and CLOSED messages. */
public enum Prefix {
  DUPLICATE("duplicate"),
  POW("pow"),
  BLOCKED("blocked"),
  RATE_LIMITED("rate-limited"),
  INVALID("invalid"),
  RESTRICTED("restricted"),
  MUTE("mute"),
  ERROR("error"),
  AUTH_REQUIRED("auth-required");

  private final String word;

  Prefix(String word) {
    this.word = word;
  }

  /** The prefix as written on the wire, without the colon. */
  public String word() {
    return word;
  }

  /** {@code "<prefix>: <message>"}. */
  public String format(String message) {
    return word + ": " + message;
  }

  /** The prefix a message starts with, if any. */
  public static Optional<Prefix> of(String message) {
    if (message == null) {
      return Optional.empty();
    }
    int colon = message.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String head = message.substring(0, colon);
    for (Prefix p : values()) {
      if (p.word.equals(head)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
