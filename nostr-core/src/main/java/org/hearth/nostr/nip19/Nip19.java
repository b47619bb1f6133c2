package org.hearth.nostr.nip19;

import java.util.List;
import java.util.Optional;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.Utf8;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;

/**
 * Decodes NIP-19 strings ({@code npub}, {@code nsec}, {@code note}, {@code nprofile}, {@code
 * nevent}, {@code naddr}), with or without a NIP-21 {@code nostr:} prefix. Every failure is a
 * {@link DecodeException} whose message never contains the input.
 */
public final class Nip19 {
  private static final String URI_PREFIX = "nostr:";

  private Nip19() {}

  public static Nip19Entity decode(String s) {
    if (s != null && s.regionMatches(true, 0, URI_PREFIX, 0, URI_PREFIX.length())) {
      s = s.substring(URI_PREFIX.length());
    }
    Bech32.Decoded d = Bech32.decode(s);
    byte[] data = d.data();
    return switch (d.hrp()) {
      case "npub" -> new Nip19Entity.Npub(publicKey(fixed(data, "npub")));
      case "nsec" -> new Nip19Entity.Nsec(secretKey(fixed(data, "nsec")));
      case "note" -> new Nip19Entity.Note(Hex.encode(fixed(data, "note")));
      case "nprofile" -> nprofile(Tlv.parse(data, "nprofile"));
      case "nevent" -> nevent(Tlv.parse(data, "nevent"));
      case "naddr" -> naddr(Tlv.parse(data, "naddr"));
      default -> throw new DecodeException("unknown NIP-19 prefix '" + clip(d.hrp()) + "'");
    };
  }

  /** Decodes and insists on one entity type, e.g. {@code decode(s, Npub.class)}. */
  public static <T extends Nip19Entity> T decode(String s, Class<T> type) {
    Nip19Entity e = decode(s);
    if (!type.isInstance(e)) {
      throw new DecodeException(
          "expected a "
              + type.getSimpleName().toLowerCase()
              + ", got a "
              + e.getClass().getSimpleName().toLowerCase());
    }
    return type.cast(e);
  }

  private static Nip19Entity nprofile(Tlv.Parsed t) {
    byte[] special = required(t.special(), "nprofile", "public key (TLV 0)");
    return new Nip19Entity.Nprofile(
        publicKey(length32(special, "nprofile public key")), t.relays());
  }

  private static Nip19Entity nevent(Tlv.Parsed t) {
    byte[] special = required(t.special(), "nevent", "event id (TLV 0)");
    Optional<PublicKey> author =
        t.author().isEmpty()
            ? Optional.empty()
            : Optional.of(publicKey(length32(t.author().get(0), "nevent author")));
    Optional<Integer> kind =
        t.kind().isEmpty() ? Optional.empty() : Optional.of(kind(t.kind().get(0), "nevent"));
    return new Nip19Entity.Nevent(
        Hex.encode(length32(special, "nevent event id")), t.relays(), author, kind);
  }

  private static Nip19Entity naddr(Tlv.Parsed t) {
    byte[] special = required(t.special(), "naddr", "identifier (TLV 0)");
    byte[] author = required(t.author(), "naddr", "author (TLV 2)");
    byte[] kind = required(t.kind(), "naddr", "kind (TLV 3)");
    return new Nip19Entity.Naddr(
        Utf8.decodeStrict(special, "naddr identifier"),
        publicKey(length32(author, "naddr author")),
        kind(kind, "naddr"),
        t.relays());
  }

  private static byte[] required(List<byte[]> values, String entity, String what) {
    if (values.isEmpty()) {
      throw new DecodeException(entity + " has no " + what);
    }
    return values.get(0);
  }

  private static byte[] fixed(byte[] data, String entity) {
    if (data.length != 32) {
      throw new DecodeException(entity + " must hold 32 bytes, holds " + data.length);
    }
    return data;
  }

  private static byte[] length32(byte[] data, String what) {
    if (data.length != 32) {
      throw new DecodeException(what + " must be 32 bytes, is " + data.length);
    }
    return data;
  }

  private static int kind(byte[] v, String entity) {
    if (v.length != 4) {
      throw new DecodeException(entity + " kind must be 4 bytes, is " + v.length);
    }
    long k = ((v[0] & 0xffL) << 24) | ((v[1] & 0xff) << 16) | ((v[2] & 0xff) << 8) | (v[3] & 0xff);
    if (k > Integer.MAX_VALUE) {
      throw new DecodeException(entity + " kind " + k + " is out of range");
    }
    return (int) k;
  }

  private static PublicKey publicKey(byte[] b) {
    return PublicKey.fromBytes(b);
  }

  private static PrivateKey secretKey(byte[] b) {
    try {
      return PrivateKey.fromBytes(b);
    } catch (NostrException e) {
      throw new DecodeException("nsec does not hold a valid secp256k1 secret key");
    }
  }

  private static String clip(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "..." : s;
  }
}
