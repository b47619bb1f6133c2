package org.hearth.assistant.dm;

/** What an event addressed to the assistant turned out to be. */
public sealed interface Decoded {
  /** A readable DM. */
  record Message(IncomingDm dm) implements Decoded {}

  /** Not answered; {@code reason} is safe to log (no plaintext). */
  record Dropped(String reason) implements Decoded {}
}
