package org.hearth.nostr.nip44;

import org.hearth.nostr.crypto.CryptoException;

/** A NIP-44 payload could not be produced or read; {@link #reason()} says which check failed. */
public final class Nip44Exception extends CryptoException {
  /** Why a NIP-44 operation failed. */
  public enum Reason {
    UNKNOWN_VERSION,
    INVALID_PAYLOAD_SIZE,
    INVALID_BASE64,
    INVALID_MAC,
    INVALID_PADDING,
    INVALID_PLAINTEXT,
    INVALID_KEY
  }

  private final Reason reason;

  public Nip44Exception(Reason reason, String message) {
    super("NIP-44: " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
