package org.hearth.nostr.crypto;

import java.util.Arrays;
import org.hearth.nostr.Hex;
import org.hearth.nostr.nip19.Nip19;
import org.hearth.nostr.nip19.Nip19Entity;

/** A 32-byte x-only secp256k1 public key, as Nostr uses them. */
public final class PublicKey {
  private final byte[] bytes;
  private final String hex;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
    this.hex = Hex.encode(bytes);
  }

  /** From 64 lower-case hex characters. Does not check that the point is on the curve. */
  public static PublicKey fromHex(String hex) {
    return new PublicKey(Hex.decodeLower(hex, 32, "public key"));
  }

  public static PublicKey fromBytes(byte[] xOnly) {
    if (xOnly == null || xOnly.length != 32) {
      throw new CryptoException("a public key is 32 bytes");
    }
    return new PublicKey(xOnly.clone());
  }

  /**
   * From 64 hex characters (either case) or a NIP-19 {@code npub} (also {@code nostr:npub...});
   * throws {@link org.hearth.nostr.DecodeException} or {@link CryptoException} saying what is
   * wrong.
   */
  public static PublicKey parse(String hexOrNpub) {
    if (hexOrNpub == null) {
      throw new CryptoException("public key is null");
    }
    String s = hexOrNpub.strip();
    if (s.length() == 64 && Hex.isLowerHex(s.toLowerCase(java.util.Locale.ROOT), 32)) {
      return fromHex(s.toLowerCase(java.util.Locale.ROOT));
    }
    return Nip19.decode(s, Nip19Entity.Npub.class).pubkey();
  }

  /** The NIP-19 {@code npub1...} form. */
  public String npub() {
    return new Nip19Entity.Npub(this).encode();
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex;
  }
}
