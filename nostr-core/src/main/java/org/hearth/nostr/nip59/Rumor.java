package org.hearth.nostr.nip59;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.Hex;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventJson;
import org.hearth.nostr.event.EventTemplate;

/**
 * An unsigned event with an id (NIP-59): what a seal carries. Without a signature it cannot be
 * republished as the author's; the seal around it is what proves who wrote it.
 *
 * @param createdAt unix time in seconds (the real time; only seal and wrap are randomized)
 */
public record Rumor(
    String id, String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(EventJson.FACTORY.copy())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public Rumor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pubkey, "pubkey");
    Objects.requireNonNull(content, "content");
    tags = tags.stream().map(List::copyOf).toList();
  }

  /** The rumor {@code author} would sign for this template (id computed, no signature). */
  public static Rumor of(PublicKey author, EventTemplate t) {
    String pubkey = author.hex();
    String id = Event.computeId(pubkey, t.createdAt(), t.kind(), t.tags(), t.content());
    return new Rumor(id, pubkey, t.createdAt(), t.kind(), t.tags(), t.content());
  }

  public PublicKey author() {
    return PublicKey.fromHex(pubkey);
  }

  public boolean hasValidId() {
    return Hex.isLowerHex(id, 32)
        && Hex.isLowerHex(pubkey, 32)
        && Event.computeId(pubkey, createdAt, kind, tags, content).equals(id);
  }

  /** Every value (second element) of tags with this name, in order. */
  public List<String> tagValues(String name) {
    return tags.stream()
        .filter(t -> t.size() >= 2 && t.get(0).equals(name))
        .map(t -> t.get(1))
        .toList();
  }

  /** Rumors are private messages: tags and content stay out of logs. */
  @Override
  public String toString() {
    return "Rumor[id="
        + id
        + ", pubkey="
        + pubkey
        + ", kind="
        + kind
        + ", "
        + tags.size()
        + " tags, "
        + content.length()
        + " chars, redacted]";
  }

  /** Compact JSON without {@code sig}. */
  public String toJson() {
    String withSig = new Event(id, pubkey, createdAt, kind, tags, content, "").toJson();
    int cut = withSig.lastIndexOf(",\"sig\":");
    return withSig.substring(0, cut) + "}";
  }

  /**
   * Parses a rumor with the strict event parser (a {@code sig}, if present, is ignored) and checks
   * its id and field shapes; throws {@link DecodeException}.
   */
  public static Rumor fromJson(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new DecodeException("malformed rumor JSON: " + EventJson.shortMessage(e), e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new DecodeException("a rumor must be a JSON object");
    }
    object.put("sig", "");
    Event e = Event.fromJson(object.toString());
    Rumor r = new Rumor(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content());
    if (!Hex.isLowerHex(r.pubkey(), 32)) {
      throw new DecodeException("rumor pubkey must be 64 lower-case hex characters");
    }
    if (!r.hasValidId()) {
      throw new DecodeException("rumor id does not match its content");
    }
    return r;
  }
}
