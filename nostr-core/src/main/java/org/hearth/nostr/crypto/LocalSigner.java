package org.hearth.nostr.crypto;

import org.hearth.nostr.Hex;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip04.Nip04;
import org.hearth.nostr.nip44.Nip44;

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
  public String nip44Encrypt(PublicKey peer, String plaintext) {
    return Nip44.encrypt(plaintext, key, peer);
  }

  @Override
  public String nip44Decrypt(PublicKey peer, String payload) {
    return Nip44.decrypt(payload, key, peer);
  }

  @Override
  public String nip04Encrypt(PublicKey peer, String plaintext) {
    return Nip04.encrypt(plaintext, key, peer);
  }

  @Override
  public String nip04Decrypt(PublicKey peer, String payload) {
    return Nip04.decrypt(payload, key, peer);
  }

  @Override
  public String toString() {
    return "LocalSigner[" + key.publicKey().hex() + "]";
  }
}
