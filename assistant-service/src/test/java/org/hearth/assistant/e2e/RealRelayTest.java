package org.hearth.assistant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.hearth.assistant.app.AssistantKeys;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.relay.RelayLink;
import org.hearth.assistant.relay.RelayLinks;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.InjectRelay;
import org.hearth.assistant.testing.PostgresResource;
import org.hearth.assistant.testing.RealRelayResource;
import org.hearth.nostr.client.ConnectionState;
import org.hearth.nostr.testkit.NodeScript;
import org.hearth.nostr.testkit.ServiceProcess;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The assistants connected to a real relay-private, spoken to by nostr-tools clients
 * (interop/assistant-e2e.mjs): a member, a relay member the assistant does not serve, a stranger
 * and a member of another relay, over NIP-17 and NIP-04, with the Ollama double up and then down.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RealRelayResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealRelayTest {
  private static final String FAMILY_SECRET = "secret-f" + token();
  private static final String WORK_SECRET = "secret-w" + token();

  @InjectOllama OllamaDouble ollama;
  @InjectRelay ServiceProcess relay;
  @Inject RelayLinks links;
  @Inject AssistantKeys keys;

  private static String token() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private NodeScript.Result suite(String mode) {
    NodeScript.Result r =
        NodeScript.run("assistant-e2e.mjs", 180, mode, relay.baseUrl(), FAMILY_SECRET, WORK_SECRET);
    assertThat(r.exitCode()).as(r.output() + "\nrelay log:\n" + relay.logTail()).isZero();
    return r;
  }

  @Test
  @Order(1)
  void eachAssistantHoldsOneConnectionToItsOwnRelayOnly() throws Exception {
    Map<String, RelayLink> live = links.links();
    assertThat(live).containsOnlyKeys("personal", "family", "work");
    for (var e : live.entrySet()) {
      assertThat(e.getValue().relayUrl()).isEqualTo(relay.baseUrl() + "/" + e.getKey());
    }
    assertThat(keys.signerFor("family").publicKey())
        .isEqualTo(RealRelayResource.ASSISTANTS.get("family").publicKey());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (live.values().stream().anyMatch(l -> l.state() != ConnectionState.CONNECTED)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(live.values()).allMatch(l -> l.state() == ConnectionState.CONNECTED);
  }

  @Test
  @Order(2)
  void membersNotesReachTheirOwnRelaysAssistantOnly() throws Exception {
    assertThat(suite("seed").passed()).hasSize(1);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!(embedded(FAMILY_SECRET) && embedded(WORK_SECRET)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(embedded(FAMILY_SECRET)).as("family note remembered").isTrue();
    assertThat(embedded(WORK_SECRET)).as("work note remembered").isTrue();
  }

  private boolean embedded(String secret) {
    return ollama.embeddedTexts().stream().anyMatch(t -> t.contains(secret));
  }

  @Test
  @Order(3)
  void membersGetAnswersStrangersNothingAndScopesStayApart() {
    NodeScript.Result r = suite("dms");
    assertThat(r.passed()).hasSize(6);
    assertThat(ollama.chats()).isNotEmpty();
    assertThat(ollama.chats())
        .as("no prompt holds both relays' notes")
        .noneMatch(c -> c.allText().contains(FAMILY_SECRET) && c.allText().contains(WORK_SECRET));
    assertThat(ollama.chats())
        .as("the non-member's words never reached the model")
        .noneMatch(c -> c.allText().contains("Still there?") || c.allText().contains("Please?"));
  }

  @Test
  @Order(4)
  void withoutOllamaMembersStillGetTheirNotes() {
    ollama.down(true);
    try {
      assertThat(suite("fallback").passed()).hasSize(1);
    } finally {
      ollama.down(false);
    }
  }
}
