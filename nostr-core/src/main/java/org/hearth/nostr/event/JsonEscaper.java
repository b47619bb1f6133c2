package org.hearth.nostr.event;

/**
 * JSON string escaping for events, in two flavours.
 *
 * <p><b>Escaped</b> (the default, used for ids and on the wire) is exactly what {@code
 * JSON.stringify} writes, and so what nostr-tools, NDK, go-nostr and serde-based implementations
 * hash: {@code \" \\ \b \t \n \f \r}, every other control character as {@code \\u00xx}, and a lone
 * surrogate as {@code \\udxxx}. <b>Verbatim</b> is the literal NIP-01 text ("all other characters
 * must be included verbatim"); ids computed that way are accepted too.
 */
final class JsonEscaper {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonEscaper() {}

  /** The escape sequence for {@code s.charAt(i)}, or null when the character is written as is. */
  static String escapeAt(String s, int i, boolean escapeAll) {
    char c = s.charAt(i);
    if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
      return null;
    }
    switch (c) {
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '\b':
        return "\\b";
      case '\f':
        return "\\f";
      default:
        break;
    }
    if (!escapeAll) {
      return null;
    }
    if (c < 0x20) {
      return unicode(c);
    }
    if (Character.isHighSurrogate(c)) {
      boolean paired = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      return paired ? null : unicode(c);
    }
    boolean paired = i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    return paired ? null : unicode(c);
  }

  private static String unicode(char c) {
    return new String(
        new char[] {
          '\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]
        });
  }

  /** Appends {@code s} as a quoted JSON string. */
  static void quote(StringBuilder sb, String s, boolean escapeAll) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      String esc = escapeAt(s, i, escapeAll);
      if (esc == null) {
        sb.append(s.charAt(i));
      } else {
        sb.append(esc);
      }
    }
    sb.append('"');
  }

  /** True when {@code s} has a character the two flavours write differently. */
  static boolean hasFlavouredChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 || Character.isSurrogate(c))
          && escapeAt(s, i, true) != null
          && escapeAt(s, i, false) == null) {
        return true;
      }
    }
    return false;
  }
}
