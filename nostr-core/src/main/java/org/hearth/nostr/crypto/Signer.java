package org.hearth.nostr.crypto;

import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/**
 * Signs events for one key. {@link LocalSigner} holds the key in memory; a remote NIP-46 signer can
 * implement the same interface.
 */
public interface Signer {
  PublicKey publicKey();

  Event sign(EventTemplate template);
}
