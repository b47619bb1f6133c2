package org.hearth.assistant.nostr;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.nip19.Nip19Entity;

/**
 * The NIP-19 forms the assistant reads and writes (keys as nsec/npub or hex, nevent links), on top
 * of nostr-core's codec.
 */
public final class Nip19 {
  private Nip19() {}

  /** {@code npub1...} of a public key. */
  public static String npub(PublicKey key) {
    return new Nip19Entity.Npub(key).encode();
  }

  /** {@code nsec1...} of a secret key. Handle with care: never log it. */
  public static String nsec(PrivateKey key) {
    return new Nip19Entity.Nsec(key).encode();
  }

  /** A public key from an {@code npub1...} or 64 hex characters (either case). */
  public static PublicKey parsePublicKey(String text) {
    String s = text == null ? "" : text.strip();
    if (s.startsWith("npub1")) {
      return org.hearth.nostr.nip19.Nip19.decode(s, Nip19Entity.Npub.class).pubkey();
    }
    return PublicKey.fromHex(s.toLowerCase(Locale.ROOT));
  }

  /**
   * A secret key from an {@code nsec1...} or 64 hex characters. The exception never contains the
   * input.
   */
  public static PrivateKey parsePrivateKey(String text) {
    String s = text == null ? "" : text.strip();
    try {
      if (s.startsWith("nsec1")) {
        return org.hearth.nostr.nip19.Nip19.decode(s, Nip19Entity.Nsec.class).key();
      }
      if (Hex.isLowerHex(s.toLowerCase(Locale.ROOT), 32)) {
        return PrivateKey.fromHex(s);
      }
    } catch (RuntimeException e) {
      throw new DecodeException("not a valid nsec or hex secret key");
    }
    throw new DecodeException("a secret key is an nsec or 64 hex characters");
  }

  /** {@code nevent1...} with the event id, one relay hint and the author. */
  public static String nevent(String eventIdHex, String relayUrl, String authorHex) {
    return new Nip19Entity.Nevent(
            eventIdHex,
            relayUrl == null ? List.of() : List.of(relayUrl),
            Optional.ofNullable(authorHex).map(PublicKey::fromHex),
            Optional.empty())
        .encode();
  }

  /** The event id (hex) inside an {@code nevent1...} (with or without {@code nostr:}). */
  public static String neventId(String nevent) {
    return org.hearth.nostr.nip19.Nip19.decode(nevent, Nip19Entity.Nevent.class).eventId();
  }
}
