package org.hearth.nostr.nip04;

import org.hearth.nostr.crypto.CryptoException;

/** A NIP-04 payload is malformed or does not decrypt with the given keys. */
public final class Nip04Exception extends CryptoException {
  public Nip04Exception(String message) {
    super("NIP-04: " + message);
  }
}
