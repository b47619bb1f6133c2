package org.hearth.assistant.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.assistant.testing.TestEvents.note;
import static org.hearth.assistant.testing.TestEvents.now;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.hearth.assistant.answer.Answer;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.conversation.ConversationService;
import org.hearth.assistant.memory.MemoryService;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.reply.ReplyService;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.hearth.nostr.crypto.LocalSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
class CommandServiceTest {
  @Inject ReplyService replies;
  @Inject ConversationService conversations;
  @Inject MemoryService memory;
  @Inject Scopes scopes;
  @InjectOllama OllamaDouble ollama;

  private final String member = LocalSigner.generate().publicKey().hex();
  private final String admin = OllamaResource.ADMIN.publicKey().hex();
  private ScopeSettings family;

  @BeforeEach
  void setUp() {
    family = scopes.get("family").orElseThrow();
  }

  @AfterEach
  void tearDown() {
    ollama.reset();
  }

  @Test
  void helpListsEveryCommand() {
    Answer a = replies.reply(family, member, "/help");
    assertThat(a.mode()).isEqualTo(Answer.Mode.COMMAND);
    assertThat(a.text())
        .contains(
            "family assistant", "/help", "/sources", "/forget", "/status", "/consent", "/retrain");
  }

  @Test
  void sourcesRepeatTheLastAnswersLinks() {
    String word = "zq" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    memory.ingest(family, note(LocalSigner.generate(), "Piano lesson " + word, now()));
    assertThat(replies.reply(family, member, "/sources").text()).contains("cited no notes");
    Answer answer = replies.reply(family, member, "piano " + word + "?");
    assertThat(answer.sources()).hasSize(1);
    assertThat(replies.reply(family, member, "/sources").text())
        .contains(answer.sources().getFirst());
  }

  @Test
  void forgetErasesOnlyThisMembersHistory() {
    String other = LocalSigner.generate().publicKey().hex();
    replies.reply(family, member, "hello one");
    replies.reply(family, other, "hello two");
    assertThat(conversations.recent("family", member, 10)).hasSize(2);
    assertThat(replies.reply(family, member, "/forget").text()).contains("erased", "2 messages");
    assertThat(conversations.recent("family", member, 10)).isEmpty();
    assertThat(conversations.recent("family", other, 10)).hasSize(2);
  }

  @Test
  void statusTellsModelAndMemory() {
    assertThat(replies.reply(family, member, "/status").text())
        .contains(
            "Language model: " + OllamaResource.BASE_MODEL,
            "(base model)",
            "Ollama 0.12.6",
            "Memory:",
            "notes from " + family.relayUrl());
    ollama.down(true);
    assertThat(replies.reply(family, member, "/status").text())
        .contains("none connected", "notes only");
  }

  @Test
  void retrainIsForAdminsAndNeedsTheRelay() {
    assertThat(replies.reply(family, member, "/retrain").text())
        .contains("Only an admin of the family relay");
    // These tests run without relay connections: nothing can be published.
    assertThat(replies.reply(family, admin, "/retrain").text())
        .contains("not connected to the family relay", "Nothing was started");
  }

  @Test
  void consentIsOffByDefaultAndNeedsAFinetuneKey() {
    assertThat(replies.reply(family, member, "/consent").text())
        .contains("Consent is off", "not set up");
    assertThat(replies.reply(family, member, "/consent on").text())
        .contains("Fine-tuning is not set up", "Consent stays off");
    assertThat(replies.reply(family, member, "/CONSENT").text()).contains("Consent is off");
    assertThat(replies.reply(family, member, "/consent maybe").text())
        .contains("/consent on", "/consent off");
    assertThat(replies.reply(family, member, "/consent off").text()).contains("Consent is off");
    assertThat(ollama.chats()).isEmpty();
  }

  @Test
  void emptyAndOversizedMessagesGetAPoliteNoWithoutReachingTheModel() {
    assertThat(replies.reply(family, member, "   ").text()).contains("empty");
    assertThat(replies.reply(family, member, "x".repeat(9000)).text())
        .contains("too long", "9000", "8000");
    assertThat(ollama.chats()).isEmpty();
    assertThat(conversations.recent("family", member, 10)).isEmpty();
  }
}
