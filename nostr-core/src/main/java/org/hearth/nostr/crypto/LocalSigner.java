package org.hearth.nostr.crypto;

import org.hearth.nostr.Hex;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/** A {@link Signer} over a key held in this process. */
public final class LocalSigner implements Signer {
  private final PrivateKey key;

  public LocalSigner(PrivateKey key) {
    this.key = key;
  }

  public static LocalSigner generate() {
    return new LocalSigner(PrivateKey.generate());
  }

  @Override
  public PublicKey publicKey() {
    return key.publicKey();
  }

  /** The key, for protocols that need the secret itself (NIP-44, NIP-04 encryption). */
  public PrivateKey privateKey() {
    return key;
  }

  @Override
  public Event sign(EventTemplate t) {
    String pubkey = key.publicKey().hex();
    byte[] id = Event.computeIdBytes(pubkey, t.createdAt(), t.kind(), t.tags(), t.content());
    byte[] sig = Schnorr.sign(id, key);
    return new Event(
        Hex.encode(id), pubkey, t.createdAt(), t.kind(), t.tags(), t.content(), Hex.encode(sig));
  }

  @Override
  public String toString() {
    return "LocalSigner[" + key.publicKey().hex() + "]";
  }
}
