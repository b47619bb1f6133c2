package org.hearth.nostr.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.hearth.nostr.Hex;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.nip19.Nip19;
import org.hearth.nostr.nip19.Nip19Entity;

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

  /**
   * From 64 hex characters (either case) or a NIP-19 {@code nsec}. Errors never contain the input.
   */
  public static PrivateKey parse(String hexOrNsec) {
    if (hexOrNsec == null) {
      throw new CryptoException("secret key is null");
    }
    String s = hexOrNsec.strip();
    if (s.length() == 64) {
      if (!Hex.isLowerHex(s.toLowerCase(java.util.Locale.ROOT), 32)) {
        throw new CryptoException("a 64-character secret key must be hex");
      }
      return fromHex(s);
    }
    if (!s.regionMatches(true, 0, "nsec1", 0, 5)) {
      throw new CryptoException("a secret key is 64 hex characters or an nsec1... string");
    }
    try {
      return Nip19.decode(s, Nip19Entity.Nsec.class).key();
    } catch (NostrException e) {
      // Decoder messages never echo data, but an unknown prefix is echoed: a mistyped '1' inside
      // an nsec would move part of the secret into the prefix, so that message is replaced.
      String why = e.getMessage().contains("prefix") ? "not an nsec" : e.getMessage();
      throw new CryptoException("invalid nsec: " + why);
    }
  }

  /** The NIP-19 {@code nsec1...} form. Handle with care: never log it. */
  public String nsec() {
    return new Nip19Entity.Nsec(this).encode();
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
