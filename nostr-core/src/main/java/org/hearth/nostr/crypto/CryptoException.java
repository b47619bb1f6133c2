package org.hearth.nostr.crypto;

import org.hearth.nostr.NostrException;

/** A cryptographic operation failed (bad key, bad MAC, bad signature input). */
public class CryptoException extends NostrException {
  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
