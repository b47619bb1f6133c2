package org.hearth.nostr.nip42;

import org.hearth.nostr.crypto.PublicKey;

/** The outcome of checking a NIP-42 AUTH event. */
public sealed interface AuthResult {
  /** The client proved it holds {@code pubkey}. */
  record Ok(PublicKey pubkey) implements AuthResult {}

  /** The event was refused; {@code message} is fit for an OK/CLOSED reason. */
  record Failed(Reason reason, String message) implements AuthResult {}

  /** Why an AUTH event was refused. */
  enum Reason {
    WRONG_KIND,
    INVALID_EVENT,
    MISSING_CHALLENGE,
    CHALLENGE_MISMATCH,
    MISSING_RELAY,
    RELAY_MISMATCH,
    OUTSIDE_TIME_WINDOW
  }

  default boolean ok() {
    return this instanceof Ok;
  }
}
