package org.hearth.nostr.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * BIP-340 for messages that are not 32 bytes long (allowed since the 2022-12 revision; test vectors
 * 15-18). libsecp256k1's JNI binding only accepts 32-byte messages, so this class follows the
 * BIP-340 reference algorithm step by step, doing scalar arithmetic with {@link BigInteger} and
 * every point operation (multiply by G, lift_x, tweak-multiply, negate, add) in libsecp256k1. Nostr
 * never needs it (ids are 32 bytes) and it is slower than the native path: it exists so that {@link
 * Schnorr} is a complete BIP-340 implementation.
 */
final class Bip340AnyLength {
  private static final BigInteger P =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private final Secp256k1 lib;

  Bip340AnyLength(Secp256k1 lib) {
    this.lib = lib;
  }

  /** BIP-340 Sign(sk, m, a) with a 32-byte aux (null means 32 zero bytes, as libsecp256k1). */
  byte[] sign(byte[] message, byte[] secret, byte[] aux32) {
    byte[] aux = aux32 == null ? new byte[32] : aux32;
    byte[] pubFull = lib.pubkeyCreate(secret);
    byte[] px = x(pubFull);
    BigInteger d = evenY(pubFull) ? num(secret) : N.subtract(num(secret));
    byte[] t = xor(bytes32(d), taggedHash("BIP0340/aux", aux));
    BigInteger k0 = num(taggedHash("BIP0340/nonce", t, px, message)).mod(N);
    if (k0.signum() == 0) {
      throw new CryptoException("BIP-340 nonce is zero");
    }
    byte[] rFull = lib.pubkeyCreate(bytes32(k0));
    BigInteger k = evenY(rFull) ? k0 : N.subtract(k0);
    byte[] rx = x(rFull);
    BigInteger e = num(taggedHash("BIP0340/challenge", rx, px, message)).mod(N);
    byte[] sig = concat(rx, bytes32(k.add(e.multiply(d)).mod(N)));
    if (!verify(sig, message, px)) {
      throw new CryptoException("BIP-340 signature did not verify");
    }
    return sig;
  }

  /** BIP-340 Verify(pk, m, sig); false for every invalid input, never throws. */
  boolean verify(byte[] sig, byte[] message, byte[] xOnly) {
    try {
      byte[] point = lib.pubkeyParse(concat(new byte[] {2}, xOnly)); // lift_x
      BigInteger r = num(Arrays.copyOfRange(sig, 0, 32));
      BigInteger s = num(Arrays.copyOfRange(sig, 32, 64));
      if (r.compareTo(P) >= 0 || s.compareTo(N) >= 0) {
        return false;
      }
      byte[] rx = Arrays.copyOfRange(sig, 0, 32);
      BigInteger e = num(taggedHash("BIP0340/challenge", rx, xOnly, message)).mod(N);
      byte[] sG = s.signum() == 0 ? null : lib.pubkeyCreate(bytes32(s));
      byte[] minusEP =
          e.signum() == 0 ? null : lib.pubKeyNegate(lib.pubKeyTweakMul(point, bytes32(e)));
      byte[] rPoint;
      if (sG == null || minusEP == null) {
        rPoint = sG == null ? minusEP : sG;
      } else {
        rPoint = lib.pubKeyCombine(new byte[][] {sG, minusEP}); // throws at infinity
      }
      return rPoint != null && evenY(rPoint) && Arrays.equals(x(rPoint), rx);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean evenY(byte[] point) {
    return point.length == 65 ? (point[64] & 1) == 0 : point[0] == 2;
  }

  private static byte[] x(byte[] point) {
    return Arrays.copyOfRange(point, 1, 33);
  }

  private static BigInteger num(byte[] b) {
    return new BigInteger(1, b);
  }

  private static byte[] bytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] taggedHash(String tag, byte[]... parts) {
    MessageDigest sha = sha256();
    byte[] tagHash = sha.digest(tag.getBytes(StandardCharsets.UTF_8));
    sha.update(tagHash);
    sha.update(tagHash);
    for (byte[] part : parts) {
      sha.update(part);
    }
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
