package org.hearth.assistant.nostr;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import org.hearth.nostr.DecodeException;

/**
 * Minimal BIP-173 bech32 for NIP-19, without the 90-character limit (nevent is longer). Temporary:
 * replaced by nostr-core's NIP-19 codec once it lands on main; only {@link Nip19} uses it.
 */
final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32() {}

  record Decoded(String hrp, byte[] data) {}

  static String encode(String hrp, byte[] data) {
    byte[] five = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(hrp, five);
    StringBuilder sb = new StringBuilder(hrp).append('1');
    for (byte b : five) {
      sb.append(CHARSET.charAt(b));
    }
    for (byte b : checksum) {
      sb.append(CHARSET.charAt(b));
    }
    return sb.toString();
  }

  static Decoded decode(String s) {
    if (s == null || s.length() > 5000) {
      throw new DecodeException("bech32 string is missing or too long");
    }
    if (!s.equals(s.toLowerCase(Locale.ROOT)) && !s.equals(s.toUpperCase(Locale.ROOT))) {
      throw new DecodeException("bech32 string mixes upper and lower case");
    }
    String lower = s.toLowerCase(Locale.ROOT);
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length()) {
      throw new DecodeException("bech32 separator misplaced");
    }
    String hrp = lower.substring(0, sep);
    byte[] values = new byte[lower.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(lower.charAt(sep + 1 + i));
      if (v < 0) {
        throw new DecodeException("not a bech32 character at position " + (sep + 1 + i));
      }
      values[i] = (byte) v;
    }
    if (polymod(expand(hrp), values) != 1) {
      throw new DecodeException("bech32 checksum mismatch");
    }
    byte[] data = new byte[values.length - 6];
    System.arraycopy(values, 0, data, 0, data.length);
    return new Decoded(hrp, convertBits(data, 5, 8, false));
  }

  private static byte[] checksum(String hrp, byte[] data) {
    byte[] values = new byte[data.length + 6];
    System.arraycopy(data, 0, values, 0, data.length);
    int mod = polymod(expand(hrp), values) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static byte[] expand(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(byte[] hrp, byte[] values) {
    int chk = 1;
    for (byte[] part : new byte[][] {hrp, values}) {
      for (byte v : part) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
          if (((top >>> i) & 1) != 0) {
            chk ^= GEN[i];
          }
        }
      }
    }
    return chk;
  }

  private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int max = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : in) {
      acc = (acc << from) | (b & ((1 << from) - 1));
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & max);
      }
    }
    if (pad && bits > 0) {
      out.write((acc << (to - bits)) & max);
    } else if (!pad && (bits >= from || ((acc << (to - bits)) & max) != 0)) {
      throw new DecodeException("bech32 data has invalid padding");
    }
    return out.toByteArray();
  }
}
