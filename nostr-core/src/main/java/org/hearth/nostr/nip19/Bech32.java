package org.hearth.nostr.nip19;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import org.hearth.nostr.DecodeException;

/**
 * Bech32 (BIP-173) as NIP-19 uses it: the checksum and the 5-bit alphabet come from nostr-java's
 * {@link nostr.crypto.bech32.Bech32}; this class adds what it lacks for Nostr: no 90-character
 * limit (TLV entities are longer), bech32m rejected, strict 8/5-bit conversion (nostr-java's {@code
 * fromBech32} drops the last byte of every payload, so it only works for 32-byte keys), and error
 * messages that never echo the input (it may be an nsec).
 */
public final class Bech32 {
  /** Generous bound so hostile input cannot make us work hard; real TLV strings are far shorter. */
  public static final int MAX_LENGTH = 5000;

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  private Bech32() {}

  /** A decoded bech32 string: human-readable part (lower case) and 8-bit data. */
  public record Decoded(String hrp, byte[] data) {}

  /** Encodes 8-bit data under {@code hrp} with a bech32 (not bech32m) checksum. */
  public static String encode(String hrp, byte[] data) {
    try {
      return nostr.crypto.bech32.Bech32.encode(
          nostr.crypto.bech32.Bech32.Encoding.BECH32, hrp, convertBits(data, 8, 5, true));
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot bech32-encode under prefix " + hrp, e);
    }
  }

  /** Decodes and checks a bech32 string; throws {@link DecodeException} saying what is wrong. */
  public static Decoded decode(String s) {
    if (s == null) {
      throw new DecodeException("bech32 string is null");
    }
    if (s.length() > MAX_LENGTH) {
      throw new DecodeException("bech32 string is longer than " + MAX_LENGTH + " characters");
    }
    checkCharacters(s);
    int sep = s.lastIndexOf('1');
    if (sep < 1) {
      throw new DecodeException("bech32 string has no human-readable prefix before '1'");
    }
    if (s.length() - sep - 1 < 6) {
      throw new DecodeException("bech32 string is too short for its 6-character checksum");
    }
    String lower = s.toLowerCase(Locale.ROOT);
    for (int i = sep + 1; i < lower.length(); i++) {
      if (CHARSET.indexOf(lower.charAt(i)) < 0) {
        throw new DecodeException("invalid bech32 data character at position " + i);
      }
    }
    nostr.crypto.bech32.Bech32.Bech32Data d;
    try {
      d = nostr.crypto.bech32.Bech32.decode(lower);
    } catch (Exception e) {
      throw new DecodeException("bad bech32 checksum");
    }
    if (d.encoding != nostr.crypto.bech32.Bech32.Encoding.BECH32) {
      throw new DecodeException("bech32m checksum where NIP-19 requires bech32");
    }
    return new Decoded(d.hrp, convertBits(d.data, 5, 8, false));
  }

  private static void checkCharacters(String s) {
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 33 || c > 126) {
        throw new DecodeException("invalid bech32 character at position " + i);
      }
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper) {
      throw new DecodeException("bech32 string mixes upper and lower case");
    }
  }

  static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
    for (byte b : in) {
      int value = b & 0xff;
      if ((value >>> from) != 0) {
        throw new DecodeException("bech32 data value out of range");
      }
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from) {
      throw new DecodeException("bech32 data has excess padding");
    } else if (((acc << (to - bits)) & maxv) != 0) {
      throw new DecodeException("bech32 data has non-zero padding bits");
    }
    return out.toByteArray();
  }
}
