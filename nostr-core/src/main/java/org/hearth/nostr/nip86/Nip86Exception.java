package org.hearth.nostr.nip86;

import org.hearth.nostr.DecodeException;

/** A NIP-86 request or response that does not have the shape the NIP requires. */
public class Nip86Exception extends DecodeException {
  public Nip86Exception(String message) {
    super(message);
  }
}
