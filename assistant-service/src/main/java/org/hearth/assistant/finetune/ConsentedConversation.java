package org.hearth.assistant.finetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hearth.assistant.conversation.Turn;
import org.hearth.nostr.nip44.Nip44;

/**
 * The plaintext of a kind-30970 event: {@code {"member": hex, "pairs": [{"q", "a", "at"}]}}, oldest
 * pair first, holding the newest question/answer pairs that fit both NIP-44's plaintext limit and
 * the relay's event size limit once encrypted.
 *
 * @param json the plaintext JSON
 * @param pairs how many pairs it holds
 */
public record ConsentedConversation(String json, int pairs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bytes of an event besides its content: id, pubkey, sig, tags, kind, created_at, framing. */
  static final int EVENT_OVERHEAD_BYTES = 1024;

  /**
   * The newest pairs of {@code turns} (oldest first) made at or after {@code since} (unix seconds)
   * that fit {@code maxEventBytes} once NIP-44 encrypted and wrapped in an event.
   */
  public static ConsentedConversation newestThatFit(
      String member, List<Turn> turns, long since, int maxEventBytes) {
    List<ObjectNode> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < turns.size(); i++) {
      Turn q = turns.get(i);
      Turn a = turns.get(i + 1);
      if (q.speaker() == Turn.Speaker.MEMBER
          && a.speaker() == Turn.Speaker.ASSISTANT
          && q.createdAt() >= since) {
        ObjectNode p = JSON.createObjectNode();
        p.put("q", q.content()).put("a", a.content()).put("at", q.createdAt());
        pairs.add(p);
        i++;
      }
    }
    // Drop the oldest pairs until the rest fits.
    int from = 0;
    String json = render(member, pairs.subList(from, pairs.size()));
    while (!fits(json, maxEventBytes) && from < pairs.size()) {
      from++;
      json = render(member, pairs.subList(from, pairs.size()));
    }
    return new ConsentedConversation(json, pairs.size() - from);
  }

  /** True when {@code plaintext} encrypts to a payload whose event stays within the limit. */
  static boolean fits(String plaintext, int maxEventBytes) {
    int bytes = plaintext.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > Nip44.MAX_PLAINTEXT_SIZE) {
      return false;
    }
    // version (1) + nonce (32) + length prefix (2) + padded plaintext + MAC (32), base64.
    int raw = 1 + 32 + 2 + Nip44.calcPaddedLen(bytes) + 32;
    int base64 = 4 * ((raw + 2) / 3);
    return base64 + EVENT_OVERHEAD_BYTES <= maxEventBytes;
  }

  private static String render(String member, List<ObjectNode> pairs) {
    ObjectNode root = JSON.createObjectNode();
    root.put("member", member);
    ArrayNode list = root.putArray("pairs");
    pairs.forEach(list::add);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
