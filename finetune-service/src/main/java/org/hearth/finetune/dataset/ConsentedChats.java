package org.hearth.finetune.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hearth.nostr.Hex;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.crypto.PublicKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.nip44.Nip44;

/**
 * Reads a member's consented conversations (kind 30970, docs/finetune-protocol.md): written by the
 * relay's assistant, {@code d} and {@code member} naming the same person, who must be one of the
 * relay's people now; content NIP-44 encrypted from the assistant to this service, holding {@code
 * {"member": hex, "pairs": [{"q", "a", "at"}]}} for the same member. Anything else is skipped with
 * its reason. Plaintext is never logged or put into an error.
 */
final class ConsentedChats {
  static final int KIND = 30970;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one 30970 event yields. */
  sealed interface Read {}

  /** The usable pairs, in their order in the event. */
  record Pairs(String member, List<ChatPair> pairs) implements Read {}

  /** Not used, and why. */
  record Skipped(SkipReason reason) implements Read {}

  /** One question of the member and the assistant's answer. */
  record ChatPair(String question, String answer, long at) {}

  private final PrivateKey serviceKey;
  private final Optional<PublicKey> assistant;
  private final Set<String> people;

  ConsentedChats(PrivateKey serviceKey, Optional<PublicKey> assistant, Set<String> people) {
    this.serviceKey = serviceKey;
    this.assistant = assistant;
    this.people = Set.copyOf(people);
  }

  Read read(Event e) {
    if (assistant.isEmpty() || !assistant.get().hex().equals(e.pubkey())) {
      return new Skipped(SkipReason.NOT_FROM_ASSISTANT);
    }
    Optional<String> member = e.firstTagValue("member");
    if (member.isEmpty()
        || !Hex.isLowerHex(member.get(), 32)
        || !member.get().equals(e.dTag())
        || !e.tagValues("p").contains(serviceKey.publicKey().hex())) {
      return new Skipped(SkipReason.UNREADABLE);
    }
    if (!people.contains(member.get())) {
      return new Skipped(SkipReason.NOT_A_MEMBER);
    }
    JsonNode doc;
    try {
      String plain = Nip44.decrypt(e.content(), serviceKey, PublicKey.fromHex(e.pubkey()));
      doc = JSON.readTree(plain);
    } catch (NostrException | IOException ex) {
      return new Skipped(SkipReason.UNREADABLE);
    }
    if (doc == null
        || !doc.path("member").isTextual()
        || !doc.path("member").asText().equals(member.get())
        || !doc.path("pairs").isArray()) {
      return new Skipped(SkipReason.UNREADABLE);
    }
    List<ChatPair> pairs = new ArrayList<>();
    for (JsonNode p : doc.path("pairs")) {
      JsonNode q = p.path("q");
      JsonNode a = p.path("a");
      if (q.isTextual() && a.isTextual() && !q.asText().isBlank() && !a.asText().isBlank()) {
        pairs.add(new ChatPair(q.asText(), a.asText(), p.path("at").asLong(0)));
      }
    }
    return pairs.isEmpty()
        ? new Skipped(SkipReason.EMPTY)
        : new Pairs(member.get(), List.copyOf(pairs));
  }
}
