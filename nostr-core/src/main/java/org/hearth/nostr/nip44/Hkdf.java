package org.hearth.nostr.nip44;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869), extract and expand, over JCA HMAC. */
final class Hkdf {
  private Hkdf() {}

  static byte[] extract(byte[] salt, byte[] ikm) {
    return hmac(salt, ikm);
  }

  static byte[] expand(byte[] prk, byte[] info, int length) {
    byte[] out = new byte[length];
    byte[] previous = new byte[0];
    int done = 0;
    for (int counter = 1; done < length; counter++) {
      Mac mac = mac(prk);
      mac.update(previous);
      mac.update(info);
      mac.update((byte) counter);
      previous = mac.doFinal();
      int n = Math.min(previous.length, length - done);
      System.arraycopy(previous, 0, out, done, n);
      done += n;
    }
    return out;
  }

  static byte[] hmac(byte[] key, byte[]... parts) {
    Mac mac = mac(key);
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
