package org.hearth.nostr.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;

/**
 * BIP-340 Schnorr signatures through libsecp256k1 (secp256k1-kmp JNI). Verification never throws:
 * any failure inside the native library means "invalid".
 */
public final class Schnorr {
  private static final Secp256k1 NATIVE = Secp256k1.get();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Schnorr() {}

  /** Signs a 32-byte message with fresh auxiliary randomness. */
  public static byte[] sign(byte[] message32, PrivateKey key) {
    byte[] aux = new byte[32];
    RANDOM.nextBytes(aux);
    return sign(message32, key, aux);
  }

  /** Signs a 32-byte message with the given 32-byte auxiliary randomness (null: none). */
  public static byte[] sign(byte[] message32, PrivateKey key, byte[] aux32) {
    if (message32 == null || message32.length != 32) {
      throw new CryptoException("a Schnorr message must be 32 bytes");
    }
    try {
      return NATIVE.signSchnorr(message32, key.bytesUnsafe(), aux32);
    } catch (RuntimeException e) {
      throw new CryptoException("signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** True only for a valid 64-byte signature of the 32-byte message by the x-only key. */
  public static boolean verify(byte[] signature64, byte[] message32, byte[] xOnlyPubkey32) {
    if (signature64 == null
        || signature64.length != 64
        || message32 == null
        || message32.length != 32
        || xOnlyPubkey32 == null
        || xOnlyPubkey32.length != 32) {
      return false;
    }
    try {
      return NATIVE.verifySchnorr(signature64, message32, xOnlyPubkey32);
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static Secp256k1 nativeLib() {
    return NATIVE;
  }
}
