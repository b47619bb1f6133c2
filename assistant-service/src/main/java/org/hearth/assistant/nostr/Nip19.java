package org.hearth.assistant.nostr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;

/**
 * The NIP-19 encodings the assistant needs, in one place so that nostr-core's codec can replace the
 * local {@link Bech32} without touching callers.
 */
public final class Nip19 {
  private Nip19() {}

  /** {@code npub1...} of a public key. */
  public static String npub(PublicKey key) {
    return Bech32.encode("npub", key.bytes());
  }

  /** {@code nsec1...} of a secret key. Handle with care: never log it. */
  public static String nsec(PrivateKey key) {
    return Bech32.encode("nsec", key.bytes());
  }

  /** A public key from an {@code npub1...} or 64 hex characters. */
  public static PublicKey parsePublicKey(String text) {
    String s = text == null ? "" : text.strip();
    if (s.startsWith("npub1")) {
      Bech32.Decoded d = Bech32.decode(s);
      return PublicKey.fromBytes(d.data());
    }
    return PublicKey.fromHex(s.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * A secret key from an {@code nsec1...} or 64 hex characters. The exception never contains the
   * input.
   */
  public static PrivateKey parsePrivateKey(String text) {
    String s = text == null ? "" : text.strip();
    if (s.startsWith("nsec1")) {
      Bech32.Decoded d = Bech32.decode(s);
      if (!d.hrp().equals("nsec")) {
        throw new DecodeException("not an nsec");
      }
      return PrivateKey.fromBytes(d.data());
    }
    if (!Hex.isLowerHex(s.toLowerCase(java.util.Locale.ROOT), 32)) {
      throw new DecodeException("a secret key is an nsec or 64 hex characters");
    }
    return PrivateKey.fromHex(s);
  }

  /**
   * {@code nevent1...} (TLV: 0 = event id, 1 = relay URL, 2 = author) for a {@code nostr:} link.
   */
  public static String nevent(String eventIdHex, String relayUrl, String authorHex) {
    ByteArrayOutputStream tlv = new ByteArrayOutputStream();
    writeTlv(tlv, 0, Hex.decodeLower(eventIdHex, 32, "event id"));
    if (relayUrl != null && !relayUrl.isEmpty()) {
      writeTlv(tlv, 1, relayUrl.getBytes(StandardCharsets.UTF_8));
    }
    if (authorHex != null) {
      writeTlv(tlv, 2, Hex.decodeLower(authorHex, 32, "author"));
    }
    return Bech32.encode("nevent", tlv.toByteArray());
  }

  /** The event id (hex) inside an {@code nevent1...}. */
  public static String neventId(String nevent) {
    Bech32.Decoded d = Bech32.decode(nevent);
    byte[] b = d.data();
    int i = 0;
    while (i + 2 <= b.length) {
      int type = b[i] & 0xff;
      int len = b[i + 1] & 0xff;
      if (i + 2 + len > b.length) {
        break;
      }
      if (type == 0 && len == 32) {
        byte[] id = new byte[32];
        System.arraycopy(b, i + 2, id, 0, 32);
        return Hex.encode(id);
      }
      i += 2 + len;
    }
    throw new DecodeException("nevent without an event id");
  }

  private static void writeTlv(ByteArrayOutputStream out, int type, byte[] value) {
    if (value.length > 255) {
      throw new IllegalArgumentException("TLV value longer than 255 bytes");
    }
    out.write(type);
    out.write(value.length);
    out.writeBytes(value);
  }
}
