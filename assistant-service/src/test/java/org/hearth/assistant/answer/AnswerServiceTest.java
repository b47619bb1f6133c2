package org.hearth.assistant.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.assistant.testing.TestEvents.daysAgo;
import static org.hearth.assistant.testing.TestEvents.note;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.memory.MemoryService;
import org.hearth.assistant.nostr.Nip19;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
class AnswerServiceTest {
  @Inject AnswerService answers;
  @Inject MemoryService memory;
  @Inject Scopes scopes;
  @InjectOllama OllamaDouble ollama;

  private final LocalSigner alice = LocalSigner.generate();
  private final String member = LocalSigner.generate().publicKey().hex();
  private ScopeSettings family;
  private String word;
  private Event dinner;

  @BeforeEach
  void setUp() {
    family = scopes.get("family").orElseThrow();
    word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    dinner = note(alice, "Family dinner " + word + " is on Friday at seven", daysAgo(1));
    memory.ingest(family, dinner);
  }

  @AfterEach
  void tearDown() {
    ollama.reset();
  }

  @Test
  void asksTheScopesModelWithPersonaNotesAndQuestionAndCitesTheNote() {
    ollama.answerWith(c -> "Dinner is on Friday at seven [1].");
    Answer a = answers.answer(family, member, "When is the " + word + " dinner?");
    assertThat(a.mode()).isEqualTo(Answer.Mode.MODEL);
    String link = "nostr:" + Nip19.nevent(dinner.id(), family.relayUrl(), alice.publicKey().hex());
    assertThat(a.sources()).containsExactly(link);
    assertThat(a.text()).startsWith("Dinner is on Friday at seven [1].").contains(link);
    OllamaDouble.ChatCall call = ollama.chats().getLast();
    assertThat(call.model()).isEqualTo(OllamaResource.BASE_MODEL);
    assertThat(call.stream()).isTrue();
    assertThat(call.messages().getFirst().role()).isEqualTo("system");
    assertThat(call.messages().getFirst().content())
        .contains("family assistant", "[1]", "Family dinner " + word);
    assertThat(call.messages().getLast().content()).isEqualTo("When is the " + word + " dinner?");
  }

  @Test
  void usesTheFineTunedModelOnceOllamaHasIt() {
    ollama.addModel("hearth-family:latest");
    answers.answer(family, member, "dinner " + word + "?");
    assertThat(ollama.chats().getLast().model()).isEqualTo("hearth-family");
  }

  @Test
  void theMembersRecentConversationGoesIntoThePrompt() {
    ollama.answerWith(c -> "Answer number " + ollama.chats().size());
    answers.answer(family, member, "First question " + word);
    answers.answer(family, member, "Second question " + word);
    OllamaDouble.ChatCall second = ollama.chats().getLast();
    assertThat(second.messages())
        .extracting(OllamaDouble.Message::content)
        .containsSubsequence(
            "First question " + word, "Answer number 1", "Second question " + word);
  }

  @Test
  void thePromptHoldsOnlyTheLastTurnsOfTheConversation() {
    // hearth.assistant.dm.history-turns defaults to 10: five exchanges.
    ollama.answerWith(c -> "Answer " + ollama.chats().size());
    for (int i = 1; i <= 7; i++) {
      answers.answer(family, member, "Question " + i + " " + word);
    }
    answers.answer(family, member, "Last question " + word);
    List<String> prompt =
        ollama.chats().getLast().messages().stream().map(OllamaDouble.Message::content).toList();
    assertThat(prompt).hasSize(1 + 10 + 1);
    assertThat(prompt.subList(1, 11))
        .containsExactly(
            "Question 3 " + word,
            "Answer 3",
            "Question 4 " + word,
            "Answer 4",
            "Question 5 " + word,
            "Answer 5",
            "Question 6 " + word,
            "Answer 6",
            "Question 7 " + word,
            "Answer 7");
  }

  @Test
  void withoutALanguageModelItAnswersWithTheNotesAndSaysSo() {
    ollama.down(true);
    Answer a = answers.answer(family, member, "When is the " + word + " dinner?");
    assertThat(a.mode()).isEqualTo(Answer.Mode.RETRIEVAL_ONLY);
    assertThat(a.text())
        .startsWith("No language model is connected right now")
        .contains("Family dinner " + word + " is on Friday at seven")
        .contains("nostr:nevent1");
    assertThat(a.sources()).hasSize(1);
  }

  @Test
  void aMissingModelFallsBackHonestly() {
    ollama.removeModel(OllamaResource.BASE_MODEL);
    Answer a = answers.answer(family, member, "dinner " + word);
    assertThat(a.mode()).isEqualTo(Answer.Mode.RETRIEVAL_ONLY);
    assertThat(a.text()).startsWith("The language model is not available right now");
  }

  @Test
  void nothingFoundIsSaidPlainly() {
    ollama.down(true);
    Answer a = answers.answer(family, member, "zzunknownzz" + UUID.randomUUID());
    assertThat(a.text()).contains("I found no note on the family relay");
    assertThat(a.sources()).isEmpty();
  }

  @Test
  void longAnswersAreSplitIntoDmSizedParts() {
    String sentence = "This is a fairly long sentence about the " + word + " dinner. ";
    ollama.answerWith(c -> sentence.repeat(100));
    Answer a = answers.answer(family, member, "dinner " + word);
    assertThat(a.parts()).hasSizeGreaterThan(2);
    assertThat(a.parts()).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
    assertThat(a.parts().getFirst()).endsWith(".");
  }

  @Test
  void aSlowModelIsCutOffAtTheAnswerTimeout() {
    ollama.answerWith(c -> "Slowly streamed words. ".repeat(20));
    ollama.streaming(20, Duration.ofMillis(400)); // 8 s of stream, timeout is 3 s
    Answer a = answers.answer(family, member, "dinner " + word);
    assertThat(a.mode()).isEqualTo(Answer.Mode.MODEL_PARTIAL);
    assertThat(a.text()).startsWith("Slowly streamed").contains("answer cut short");
  }
}
