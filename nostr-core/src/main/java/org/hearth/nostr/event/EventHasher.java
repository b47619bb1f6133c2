package org.hearth.nostr.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Computes event ids without intermediate Strings: the canonical serialization is written as UTF-8
 * straight into a reused buffer and hashed with a reused SHA-256 instance (one per thread).
 */
final class EventHasher {
  private static final ThreadLocal<EventHasher> LOCAL = ThreadLocal.withInitial(EventHasher::new);

  private final MessageDigest sha256;
  private byte[] buf = new byte[1024];
  private int len;

  private EventHasher() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of {@code [0,pubkey,created_at,kind,tags,content]} in the chosen flavour. */
  static byte[] id(
      String pubkey,
      long createdAt,
      int kind,
      List<List<String>> tags,
      String content,
      boolean escapeAll) {
    return LOCAL.get().hash(pubkey, createdAt, kind, tags, content, escapeAll);
  }

  private byte[] hash(
      String pubkey,
      long createdAt,
      int kind,
      List<List<String>> tags,
      String content,
      boolean escapeAll) {
    len = 0;
    ascii("[0,\"");
    raw(pubkey);
    ascii("\",");
    ascii(Long.toString(createdAt));
    put(',');
    ascii(Integer.toString(kind));
    ascii(",[");
    for (int i = 0; i < tags.size(); i++) {
      if (i > 0) {
        put(',');
      }
      put('[');
      List<String> tag = tags.get(i);
      for (int j = 0; j < tag.size(); j++) {
        if (j > 0) {
          put(',');
        }
        string(tag.get(j), escapeAll);
      }
      put(']');
    }
    ascii("],");
    string(content, escapeAll);
    put(']');
    sha256.update(buf, 0, len);
    if (buf.length > 1 << 20) {
      buf = new byte[1024]; // do not pin a huge buffer to the thread
    }
    return sha256.digest();
  }

  private void string(String s, boolean escapeAll) {
    put('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (len + 8 > buf.length) {
        ensure(8);
      }
      char c = s.charAt(i);
      if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') {
        buf[len++] = (byte) c;
        continue;
      }
      String esc = JsonEscaper.escapeAt(s, i, escapeAll);
      if (esc != null) {
        ascii(esc);
      } else {
        i = utf8(s, i);
      }
    }
    put('"');
  }

  /** Writes {@code s} as UTF-8 without escaping (the canonical form writes the pubkey so). */
  private void raw(String s) {
    for (int i = 0; i < s.length(); i++) {
      ensure(8);
      i = utf8(s, i);
    }
  }

  /** Encodes the character at {@code i} (two for a surrogate pair); returns the last index used. */
  private int utf8(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x80) {
      buf[len++] = (byte) c;
    } else if (c < 0x800) {
      buf[len++] = (byte) (0xc0 | (c >> 6));
      buf[len++] = (byte) (0x80 | (c & 0x3f));
    } else if (Character.isHighSurrogate(c)
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(++i));
      buf[len++] = (byte) (0xf0 | (cp >> 18));
      buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
      buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
      buf[len++] = (byte) (0x80 | (cp & 0x3f));
    } else if (Character.isSurrogate(c)) {
      buf[len++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
    } else {
      buf[len++] = (byte) (0xe0 | (c >> 12));
      buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
      buf[len++] = (byte) (0x80 | (c & 0x3f));
    }
    return i;
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void put(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  /** Room for {@code more} bytes, plus the worst case of one escape. */
  private void ensure(int more) {
    int need = len + more + 8;
    if (need <= buf.length) {
      return;
    }
    buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
  }
}
