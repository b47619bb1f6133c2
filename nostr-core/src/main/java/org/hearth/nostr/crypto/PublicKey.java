package org.hearth.nostr.crypto;

import java.util.Arrays;
import org.hearth.nostr.Hex;

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
