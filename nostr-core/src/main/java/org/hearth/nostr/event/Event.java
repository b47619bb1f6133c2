package org.hearth.nostr.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.Schnorr;

/**
 * A signed Nostr event (NIP-01). Immutable; {@code tags} is a deep unmodifiable copy. Use {@link
 * #validate()} or {@link #verify()} on anything that came from the outside.
 *
 * @param createdAt unix time in seconds
 */
public record Event(
    String id,
    String pubkey,
    long createdAt,
    int kind,
    List<List<String>> tags,
    String content,
    String sig) {

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pubkey, "pubkey");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(sig, "sig");
    tags = copyTags(tags);
  }

  @SuppressWarnings("unchecked")
  static List<List<String>> copyTags(List<List<String>> tags) {
    Objects.requireNonNull(tags, "tags");
    List<String>[] out = new List[tags.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = List.copyOf(tags.get(i)); // no copy when the tag is already immutable
    }
    return List.of(out);
  }

  public KindClass kindClass() {
    return KindClass.of(kind);
  }

  /** The first value of the first tag with this name. */
  public Optional<String> firstTagValue(String name) {
    for (List<String> tag : tags) {
      if (tag.size() >= 2 && tag.get(0).equals(name)) {
        return Optional.of(tag.get(1));
      }
    }
    return Optional.empty();
  }

  /** Every value (second element) of tags with this name, in order. */
  public List<String> tagValues(String name) {
    List<String> out = new ArrayList<>();
    for (List<String> tag : tags) {
      if (tag.size() >= 2 && tag.get(0).equals(name)) {
        out.add(tag.get(1));
      }
    }
    return out;
  }

  public boolean hasTag(String name) {
    for (List<String> tag : tags) {
      if (!tag.isEmpty() && tag.get(0).equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code d} tag value of an addressable event; empty string when absent (NIP-01). */
  public String dTag() {
    return firstTagValue("d").orElse("");
  }

  /**
   * The NIP-01 serialization whose SHA-256 is the id, escaped as {@code JSON.stringify} does (what
   * nostr-tools and most implementations hash; see {@link JsonEscaper}).
   */
  public String canonicalJson() {
    return canonicalJson(pubkey, createdAt, kind, tags, content);
  }

  public static String canonicalJson(
      String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    return EventJson.canonical(pubkey, createdAt, kind, tags, content, true);
  }

  /** The id (lower-case hex SHA-256 of the canonical serialization). */
  public static String computeId(
      String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    return Hex.encode(computeIdBytes(pubkey, createdAt, kind, tags, content));
  }

  /** The id as 32 bytes. */
  public static byte[] computeIdBytes(
      String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    return EventHasher.id(pubkey, createdAt, kind, tags, content, true);
  }

  /**
   * True when {@link #id()} is the hash of this event. Control characters other than \b \t \n \f \r
   * and lone surrogates are hashed escaped ({@code \\u00XX}, as JSON.stringify-based clients do) or
   * verbatim (the literal NIP-01 text); ids computed either way are accepted.
   */
  public boolean hasValidId() {
    return Hex.isLowerHex(id, 32) && hasValidId(Hex.decode(id));
  }

  private boolean hasValidId(byte[] idBytes) {
    if (Arrays.equals(EventHasher.id(pubkey, createdAt, kind, tags, content, true), idBytes)) {
      return true;
    }
    return EventJson.hasFlavouredChars(tags, content)
        && Arrays.equals(EventHasher.id(pubkey, createdAt, kind, tags, content, false), idBytes);
  }

  /** True when the signature is a valid BIP-340 signature of the id by the pubkey. */
  public boolean hasValidSignature() {
    if (!Hex.isLowerHex(sig, 64) || !Hex.isLowerHex(id, 32) || !Hex.isLowerHex(pubkey, 32)) {
      return false;
    }
    return Schnorr.verify(Hex.decode(sig), Hex.decode(id), Hex.decode(pubkey));
  }

  /** Checks shape, id and signature; throws {@link InvalidEventException} saying what is wrong. */
  public Event validate() {
    byte[] idBytes = Hex.decodeLowerOrNull(id, 32);
    byte[] pubkeyBytes = Hex.decodeLowerOrNull(pubkey, 32);
    byte[] sigBytes = Hex.decodeLowerOrNull(sig, 64);
    if (idBytes == null || pubkeyBytes == null || sigBytes == null) {
      validateShape(); // throws, naming the field
    }
    validateRanges();
    if (!hasValidId(idBytes)) {
      throw new InvalidEventException("event id does not match its content");
    }
    if (!Schnorr.verify(sigBytes, idBytes, pubkeyBytes)) {
      throw new InvalidEventException("signature is invalid");
    }
    return this;
  }

  /** Shape, id and signature; never throws. */
  public boolean verify() {
    try {
      validate();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Checks field shapes only (hex lengths, ranges, non-empty tags). */
  public void validateShape() {
    if (!Hex.isLowerHex(id, 32)) {
      throw new InvalidEventException("id must be 64 lower-case hex characters");
    }
    if (!Hex.isLowerHex(pubkey, 32)) {
      throw new InvalidEventException("pubkey must be 64 lower-case hex characters");
    }
    if (!Hex.isLowerHex(sig, 64)) {
      throw new InvalidEventException("sig must be 128 lower-case hex characters");
    }
    validateRanges();
  }

  private void validateRanges() {
    if (createdAt < 0) {
      throw new InvalidEventException("created_at must not be negative");
    }
    if (kind < 0 || kind > 65535) {
      throw new InvalidEventException("kind must be between 0 and 65535");
    }
    for (List<String> tag : tags) {
      if (tag.isEmpty()) {
        throw new InvalidEventException("a tag must not be empty");
      }
    }
  }

  /** The event as compact JSON, as sent on the wire. */
  public String toJson() {
    return EventJson.write(this);
  }

  /** Parses one event object strictly; throws {@link org.hearth.nostr.DecodeException}. */
  public static Event fromJson(String json) {
    return EventJson.parse(json);
  }
}
