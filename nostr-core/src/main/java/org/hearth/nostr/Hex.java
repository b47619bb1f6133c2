package org.hearth.nostr;

/** Lower-case hexadecimal encoding and strict decoding. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Decodes hex of any case; throws {@link DecodeException} for odd length or a non-hex digit. */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new DecodeException("hex string is null");
    }
    if ((hex.length() & 1) != 0) {
      throw new DecodeException("hex string has odd length " + hex.length());
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex.charAt(2 * i));
      int lo = digit(hex.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new DecodeException("not a hex digit at position " + (hi < 0 ? 2 * i : 2 * i + 1));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** The value of an ASCII hex digit, or -1 (unlike {@link Character#digit}, no other scripts). */
  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Decodes exactly {@code bytes} bytes of lower-case hex, as NIP-01 requires for ids and keys. */
  public static byte[] decodeLower(String hex, int bytes, String what) {
    if (!isLowerHex(hex, bytes)) {
      throw new DecodeException(what + " must be " + (2 * bytes) + " lower-case hex characters");
    }
    return decode(hex);
  }

  /**
   * Decodes exactly {@code bytes} bytes of lower-case hex in one pass, or returns null when {@code
   * s} is anything else (the validation hot path uses this instead of check-then-decode).
   */
  public static byte[] decodeLowerOrNull(String s, int bytes) {
    if (s == null || s.length() != 2 * bytes) {
      return null;
    }
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      int hi = lowerDigit(s.charAt(2 * i));
      int lo = lowerDigit(s.charAt(2 * i + 1));
      if ((hi | lo) < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static int lowerDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** True when {@code s} is exactly {@code bytes} bytes of lower-case hex. */
  public static boolean isLowerHex(String s, int bytes) {
    if (s == null || s.length() != 2 * bytes) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
