package org.hearth.nostr.nip59;

import org.hearth.nostr.NostrException;

/** A gift wrap could not be opened or did not check out; {@link #reason()} says which step. */
public class UnwrapException extends NostrException {
  /** The step of unwrapping that failed. */
  public enum Reason {
    NOT_A_GIFT_WRAP,
    INVALID_WRAP,
    UNDECRYPTABLE_WRAP,
    INVALID_SEAL,
    UNDECRYPTABLE_SEAL,
    INVALID_RUMOR,
    FORGED_SENDER
  }

  private final Reason reason;

  public UnwrapException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public UnwrapException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
