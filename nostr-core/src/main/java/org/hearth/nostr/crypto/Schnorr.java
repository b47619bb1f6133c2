package org.hearth.nostr.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;

/**
 * BIP-340 Schnorr signatures through libsecp256k1 (secp256k1-kmp JNI). Verification never throws:
 * any failure inside the native library means "invalid" (the JNI binding throws, for example, for a
 * public key that is not on the curve). Messages of 32 bytes (every Nostr id) take the native path;
 * other lengths, which BIP-340 allows, go through {@link Bip340AnyLength}.
 */
public final class Schnorr {
  private static final Secp256k1 NATIVE = Secp256k1.get();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Bip340AnyLength ANY_LENGTH = new Bip340AnyLength(NATIVE);

  private Schnorr() {}

  /** Signs a message (32 bytes for Nostr ids) with fresh auxiliary randomness. */
  public static byte[] sign(byte[] message, PrivateKey key) {
    byte[] aux = new byte[32];
    RANDOM.nextBytes(aux);
    return sign(message, key, aux);
  }

  /** Signs a message with the given 32-byte auxiliary randomness (null: 32 zero bytes). */
  public static byte[] sign(byte[] message, PrivateKey key, byte[] aux32) {
    if (message == null) {
      throw new CryptoException("a Schnorr message must not be null");
    }
    if (aux32 != null && aux32.length != 32) {
      throw new CryptoException("BIP-340 auxiliary randomness must be 32 bytes");
    }
    try {
      if (message.length == 32) {
        return NATIVE.signSchnorr(message, key.bytesUnsafe(), aux32);
      }
      return ANY_LENGTH.sign(message, key.bytesUnsafe(), aux32);
    } catch (RuntimeException e) {
      throw new CryptoException("signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** True only for a valid 64-byte signature of the message by the 32-byte x-only key. */
  public static boolean verify(byte[] signature64, byte[] message, byte[] xOnlyPubkey32) {
    if (signature64 == null
        || signature64.length != 64
        || message == null
        || xOnlyPubkey32 == null
        || xOnlyPubkey32.length != 32) {
      return false;
    }
    try {
      if (message.length == 32) {
        return NATIVE.verifySchnorr(signature64, message, xOnlyPubkey32);
      }
      return ANY_LENGTH.verify(signature64, message, xOnlyPubkey32);
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static Secp256k1 nativeLib() {
    return NATIVE;
  }
}
