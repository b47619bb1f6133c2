package org.hearth.assistant.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.hearth.assistant.conversation.Turn;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.junit.jupiter.api.Test;

class ConsentedConversationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Turn> exchanges(int n, int chars, long firstAt) {
    List<Turn> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new Turn(Turn.Speaker.MEMBER, "q" + i + " " + "x".repeat(chars), List.of(), firstAt + i));
      out.add(new Turn(Turn.Speaker.ASSISTANT, "a" + i, List.of(), firstAt + i));
    }
    return out;
  }

  @Test
  void holdsThePairsMadeSinceConsentOldestFirst() throws Exception {
    List<Turn> turns = new ArrayList<>(exchanges(4, 1, 100));
    // A question without an answer yet, and an answer without its question, are not pairs.
    turns.addFirst(new Turn(Turn.Speaker.ASSISTANT, "orphan", List.of(), 99));
    turns.add(new Turn(Turn.Speaker.MEMBER, "pending", List.of(), 200));
    ConsentedConversation c = ConsentedConversation.newestThatFit("ab", turns, 102, 131072);
    JsonNode body = JSON.readTree(c.json());
    assertThat(body.path("member").asText()).isEqualTo("ab");
    assertThat(c.pairs()).isEqualTo(2);
    assertThat(body.path("pairs").findValuesAsText("a")).containsExactly("a2", "a3");
    assertThat(body.path("pairs").get(0).path("at").asLong()).isEqualTo(102);
    assertThat(ConsentedConversation.newestThatFit("ab", turns, 1000, 131072).pairs()).isZero();
  }

  @Test
  void keepsTheNewestPairsThatFitTheEventSizeAndNip44() throws Exception {
    // 40 pairs of ~3,000 characters: ~120 kB, above NIP-44's 65,535-byte plaintext limit.
    List<Turn> turns = exchanges(40, 3000, 1);
    ConsentedConversation big = ConsentedConversation.newestThatFit("ab", turns, 0, 1 << 20);
    assertThat(big.pairs()).isBetween(15, 21);
    assertThat(big.json().length()).isLessThanOrEqualTo(65535);
    assertThat(JSON.readTree(big.json()).path("pairs").findValuesAsText("a").getLast())
        .isEqualTo("a39");
    ConsentedConversation small = ConsentedConversation.newestThatFit("ab", turns, 0, 20_000);
    assertThat(small.pairs()).isBetween(1, big.pairs() - 1);
    // The encrypted event really fits.
    LocalSigner assistant = LocalSigner.generate();
    LocalSigner finetune = LocalSigner.generate();
    Event e =
        assistant.sign(
            EventTemplate.of(
                30970,
                List.of(
                    List.of("d", "ab"),
                    List.of("p", finetune.publicKey().hex()),
                    List.of("member", "ab")),
                assistant.nip44Encrypt(finetune.publicKey(), small.json())));
    assertThat(("[\"EVENT\"," + e.toJson() + "]").length()).isLessThanOrEqualTo(20_000);
    assertThat(finetune.nip44Decrypt(assistant.publicKey(), e.content())).isEqualTo(small.json());
    assertThat(ConsentedConversation.newestThatFit("ab", turns, 0, 500).pairs()).isZero();
  }
}
