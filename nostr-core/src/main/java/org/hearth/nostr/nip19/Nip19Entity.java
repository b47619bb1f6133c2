package org.hearth.nostr.nip19;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;

/**
 * A NIP-19 bech32 entity. {@link #encode()} writes it; {@link Nip19#decode(String)} reads any of
 * them. Relay lists keep their order; on encoding each TLV value must fit in 255 bytes.
 */
public sealed interface Nip19Entity {
  /** The bech32 string, e.g. {@code npub1...}. */
  String encode();

  /** A public key. */
  record Npub(PublicKey pubkey) implements Nip19Entity {
    public Npub {
      Objects.requireNonNull(pubkey, "pubkey");
    }

    @Override
    public String encode() {
      return Bech32.encode("npub", pubkey.bytes());
    }
  }

  /** A secret key. Its {@code toString()} shows only the public key. */
  record Nsec(PrivateKey key) implements Nip19Entity {
    public Nsec {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String encode() {
      return Bech32.encode("nsec", key.bytes());
    }
  }

  /** An event id (64 lower-case hex characters). */
  record Note(String eventId) implements Nip19Entity {
    public Note {
      Hex.decodeLower(eventId, 32, "event id");
    }

    @Override
    public String encode() {
      return Bech32.encode("note", Hex.decode(eventId));
    }
  }

  /** A profile: public key and relay hints. */
  record Nprofile(PublicKey pubkey, List<String> relays) implements Nip19Entity {
    public Nprofile {
      Objects.requireNonNull(pubkey, "pubkey");
      relays = List.copyOf(relays);
    }

    @Override
    public String encode() {
      return Bech32.encode("nprofile", Tlv.writer().special(pubkey.bytes()).relays(relays).bytes());
    }
  }

  /** An event: id, relay hints, optional author and kind. */
  record Nevent(
      String eventId, List<String> relays, Optional<PublicKey> author, Optional<Integer> kind)
      implements Nip19Entity {
    public Nevent {
      Hex.decodeLower(eventId, 32, "event id");
      relays = List.copyOf(relays);
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(kind, "kind");
      kind.ifPresent(Nip19Entity::checkKind);
    }

    public Nevent(String eventId, List<String> relays) {
      this(eventId, relays, Optional.empty(), Optional.empty());
    }

    @Override
    public String encode() {
      Tlv.Writer w = Tlv.writer().special(Hex.decode(eventId)).relays(relays);
      author.ifPresent(a -> w.author(a.bytes()));
      kind.ifPresent(w::kind);
      return Bech32.encode("nevent", w.bytes());
    }
  }

  /** An addressable event's coordinate: {@code d} identifier, author, kind, relay hints. */
  record Naddr(String identifier, PublicKey author, int kind, List<String> relays)
      implements Nip19Entity {
    public Naddr {
      Objects.requireNonNull(identifier, "identifier");
      Objects.requireNonNull(author, "author");
      checkKind(kind);
      relays = List.copyOf(relays);
    }

    /** The NIP-01 coordinate {@code kind:pubkey:d}. */
    public String coordinate() {
      return kind + ":" + author.hex() + ":" + identifier;
    }

    @Override
    public String encode() {
      return Bech32.encode(
          "naddr",
          Tlv.writer()
              .special(identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .relays(relays)
              .author(author.bytes())
              .kind(kind)
              .bytes());
    }
  }

  private static void checkKind(int kind) {
    if (kind < 0) {
      throw new IllegalArgumentException("kind must not be negative, was " + kind);
    }
  }
}
