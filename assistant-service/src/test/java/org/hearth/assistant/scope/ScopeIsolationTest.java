package org.hearth.assistant.scope;

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
import org.hearth.assistant.memory.MemoryService;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.reply.ReplyService;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.hearth.nostr.crypto.LocalSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An assistant's memory and prompts never hold another relay's data or another member's DMs. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
class ScopeIsolationTest {
  @Inject ReplyService replies;
  @Inject MemoryService memory;
  @Inject Scopes scopes;
  @InjectOllama OllamaDouble ollama;

  private final LocalSigner author = LocalSigner.generate();
  private final String alice = LocalSigner.generate().publicKey().hex();
  private final String bob = LocalSigner.generate().publicKey().hex();

  @AfterEach
  void tearDown() {
    ollama.reset();
  }

  private static String word() {
    return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void aFamilyPromptNeverContainsWorkNotes() {
    ScopeSettings family = scopes.get("family").orElseThrow();
    ScopeSettings work = scopes.get("work").orElseThrow();
    String shared = word();
    String workSecret = word();
    memory.ingest(family, note(author, "Family picnic " + shared, now()));
    memory.ingest(work, note(author, "Merger code name " + shared + " " + workSecret, now()));

    replies.reply(family, alice, "Tell me about " + shared + " and " + workSecret);
    String prompt = ollama.chats().getLast().allText();
    assertThat(prompt).contains("Family picnic " + shared).doesNotContain("Merger");

    ollama.down(true);
    Answer fallback = replies.reply(family, alice, "Tell me about " + shared + " " + workSecret);
    assertThat(fallback.text()).contains("Family picnic").doesNotContain("Merger");
    assertThat(fallback.text()).doesNotContain(work.relayUrl());
  }

  @Test
  void aMembersPromptNeverContainsAnotherMembersMessages() {
    ScopeSettings family = scopes.get("family").orElseThrow();
    String aliceSecret = word();
    replies.reply(family, alice, "My private worry is " + aliceSecret);
    replies.reply(family, bob, "What worries people here?");
    OllamaDouble.ChatCall bobsPrompt = ollama.chats().getLast();
    assertThat(bobsPrompt.allText()).doesNotContain(aliceSecret);
    assertThat(ollama.chats().getFirst().allText()).contains(aliceSecret);
  }

  @Test
  void theSameMemberOnAnotherRelayStartsFromAnEmptyHistory() {
    ScopeSettings family = scopes.get("family").orElseThrow();
    ScopeSettings personal = scopes.get("personal").orElseThrow();
    String familyTalk = word();
    replies.reply(family, alice, "Family talk " + familyTalk);
    replies.reply(personal, alice, "Something personal");
    OllamaDouble.ChatCall personalPrompt = ollama.chats().getLast();
    assertThat(personalPrompt.allText()).doesNotContain(familyTalk).contains("personal assistant");
  }
}
