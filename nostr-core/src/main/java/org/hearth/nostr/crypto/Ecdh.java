package org.hearth.nostr.crypto;

import java.util.Arrays;

/**
 * secp256k1 Diffie-Hellman as NIP-04 and NIP-44 use it: the unhashed x-coordinate of {@code secret
 * * P}, where P is the even-y point of the x-only public key.
 */
public final class Ecdh {
  private Ecdh() {}

  /** The 32-byte x-coordinate of the shared point; {@link CryptoException} if the key is bad. */
  public static byte[] sharedX(PrivateKey secret, PublicKey peer) {
    byte[] compressed = new byte[33];
    compressed[0] = 0x02;
    System.arraycopy(peer.bytes(), 0, compressed, 1, 32);
    byte[] point;
    try {
      point = Schnorr.nativeLib().pubKeyTweakMul(compressed, secret.bytesUnsafe());
    } catch (RuntimeException e) {
      throw new CryptoException("public key " + peer.hex() + " is not a point on secp256k1");
    }
    if (point == null || point.length < 33) {
      throw new CryptoException("ECDH produced no point");
    }
    return Arrays.copyOfRange(point, 1, 33);
  }
}
