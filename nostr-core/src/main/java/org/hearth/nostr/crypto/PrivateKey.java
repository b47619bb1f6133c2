package org.hearth.nostr.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.hearth.nostr.Hex;

/** A secp256k1 secret key. Never printed: {@link #toString()} is redacted. */
public final class PrivateKey {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] bytes;
  private final PublicKey publicKey;

  private PrivateKey(byte[] bytes) {
    if (bytes == null || bytes.length != 32 || !Schnorr.nativeLib().secKeyVerify(bytes)) {
      throw new CryptoException("not a valid secp256k1 secret key");
    }
    this.bytes = bytes;
    byte[] full = Schnorr.nativeLib().pubkeyCreate(bytes);
    this.publicKey = PublicKey.fromBytes(Arrays.copyOfRange(full, 1, 33));
  }

  public static PrivateKey generate() {
    byte[] b = new byte[32];
    while (true) {
      RANDOM.nextBytes(b);
      if (Schnorr.nativeLib().secKeyVerify(b)) {
        return new PrivateKey(b);
      }
    }
  }

  public static PrivateKey fromBytes(byte[] secret) {
    return new PrivateKey(secret == null ? null : secret.clone());
  }

  /** From 64 hex characters (either case). */
  public static PrivateKey fromHex(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new CryptoException("a secret key is 64 hex characters");
    }
    return new PrivateKey(Hex.decode(hex));
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** A copy of the secret bytes. Handle with care. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The secret hex. Handle with care: never log it. */
  public String hex() {
    return Hex.encode(bytes);
  }

  byte[] bytesUnsafe() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "PrivateKey[" + publicKey.hex() + ", secret redacted]";
  }
}
