package org.hearth.relay.config;

import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.PublicKey;

/** Parses configured keys (hex or npub) with a message naming the bad value. */
public final class Keys {
  private Keys() {}

  /** A hex public key (64 characters, any case) or an npub; throws IllegalArgumentException. */
  public static PublicKey parse(String text) {
    try {
      return PublicKey.parse(text);
    } catch (NostrException e) {
      throw new IllegalArgumentException(
          "expected a 64-character hex public key or an npub, got '"
              + text
              + "': "
              + e.getMessage(),
          e);
    }
  }
}
