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

  /**
   * NIP-44 v2 encryption to {@code peer}. Signers that cannot encrypt (the default) throw {@link
   * CryptoException}.
   */
  default String nip44Encrypt(PublicKey peer, String plaintext) {
    throw new CryptoException("this signer cannot encrypt NIP-44 payloads");
  }

  /** NIP-44 v2 decryption of a payload from {@code peer}. */
  default String nip44Decrypt(PublicKey peer, String payload) {
    throw new CryptoException("this signer cannot decrypt NIP-44 payloads");
  }

  /** NIP-04 (legacy DM) encryption to {@code peer}. */
  default String nip04Encrypt(PublicKey peer, String plaintext) {
    throw new CryptoException("this signer cannot encrypt NIP-04 payloads");
  }

  /** NIP-04 (legacy DM) decryption of a payload from {@code peer}. */
  default String nip04Decrypt(PublicKey peer, String payload) {
    throw new CryptoException("this signer cannot decrypt NIP-04 payloads");
  }
}
