package org.hearth.assistant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.hearth.assistant.app.AssistantKeys;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.relay.RelayLink;
import org.hearth.assistant.relay.RelayLinks;
import org.hearth.assistant.relay.Subscriptions;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.InjectRelay;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.hearth.assistant.testing.RealRelayResource;
import org.hearth.nostr.client.ConnectionState;
import org.hearth.nostr.client.RelayClient;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
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
  private static final String TUNED_MODEL = "hearth-family-v2";

  @Inject RelayLinks links;
  @Inject AssistantKeys keys;
  @Inject Scopes scopes;

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

  @Test
  @Order(5)
  void aRestartedAssistantReadsOnlyTheNotesAfterItsNewestMemory() throws Exception {
    LocalSigner member = RealRelayResource.MEMBER;
    ScopeSettings family = scopes.get("family").orElseThrow();
    long now = System.currentTimeMillis() / 1000;
    String old = "secret-o" + token();
    try (RelayClient c = client(member)) {
      // Back-dated notes, three hours old: remembered live now, before the margin after a restart.
      for (int i = 0; i < 3; i++) {
        Event e =
            member.sign(
                new EventTemplate(1, List.of(), old + " back-dated " + i, now - 3 * 3600 + i));
        assertThat(c.publishAndWait(e).accepted()).isTrue();
      }
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (ollama.embeddedTexts().stream().filter(t -> t.contains(old)).count() < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(ollama.embeddedTexts().stream().filter(t -> t.contains(old))).hasSize(3);
    assertThat(links.links().get("family").memorySince())
        .as("first start reads everything")
        .isEmpty();

    RelayLink restarted = links.reconnect("family");
    OptionalLong since = restarted.memorySince();
    assertThat(since).isPresent();
    assertThat(since.getAsLong()).isGreaterThan(now - 3600).isLessThanOrEqualTo(now);
    OptionalLong received = restarted.storedMemoryEvents(Duration.ofSeconds(30));
    assertThat(received).as("end of stored events").isPresent();

    Filter all = Subscriptions.memory(family, OptionalLong.empty());
    Filter resumed = Subscriptions.memory(family, since);
    try (RelayClient asAssistant = client(RealRelayResource.ASSISTANTS.get("family"))) {
      long everything = asAssistant.countAndWait(List.of(all));
      long window = asAssistant.countAndWait(List.of(resumed));
      assertThat(received.getAsLong())
          .as("events received after the restart = events in the resumed window")
          .isEqualTo(window);
      assertThat(window)
          .as("the back-dated notes are not read again")
          .isLessThanOrEqualTo(everything - 3);
    }
    String fresh = "secret-n" + token();
    try (RelayClient c = client(member)) {
      assertThat(c.publishAndWait(member.sign(EventTemplate.of(1, List.of(), fresh))).accepted())
          .isTrue();
    }
    deadline = System.nanoTime() + 30_000_000_000L;
    while (!embedded(fresh) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(embedded(fresh)).as("a new note after the restart is remembered").isTrue();
  }

  @Test
  @Order(6)
  void retrainPublishesAJobRequestAndAResultSwitchesTheModel() {
    assertThat(ollama.chats()).isNotEmpty();
    assertThat(ollama.chats().getLast().model()).as("before").isEqualTo(OllamaResource.BASE_MODEL);
    ollama.addModel(TUNED_MODEL);
    int before = ollama.chats().size();
    NodeScript.Result r = suite("retrain");
    assertThat(r.passed()).hasSize(4);
    List<OllamaDouble.ChatCall> after = ollama.chats().subList(before, ollama.chats().size());
    assertThat(after).as("the answer after the result").isNotEmpty();
    assertThat(after.getLast().model()).isEqualTo(TUNED_MODEL);
  }

  @Test
  @Order(7)
  void consentKeepsAnEncryptedConversationForTheFinetuneServiceOnly() {
    assertThat(suite("consent").passed()).hasSize(3);
  }

  private RelayClient client(LocalSigner signer) {
    RelayClient c =
        RelayClient.builder(URI.create(relay.baseUrl() + "/family"))
            .signer(signer)
            .okTimeout(Duration.ofSeconds(10))
            .build();
    c.connectAndWait();
    return c;
  }
}
