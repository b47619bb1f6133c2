package org.hearth.assistant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.hearth.assistant.db.Database;
import org.hearth.assistant.testing.TestConfig;
import org.hearth.nostr.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** History limits: a retention limit in storage, and a prompt window by turns and characters. */
class ConversationServiceTest {
  private static TestDatabase pg;
  private static Database db;
  private static ConversationService conversations;

  @BeforeAll
  static void start() {
    pg = TestDatabase.start("assistant");
    db =
        new Database(
            TestConfig.of(
                Map.of(
                    "hearth.assistant.database.url",
                    pg.url(),
                    "hearth.assistant.dm.retained-turns",
                    "6")));
    conversations =
        new ConversationService(
            db,
            Clock.systemUTC(),
            TestConfig.of(Map.of("hearth.assistant.dm.retained-turns", "6")));
  }

  @AfterAll
  static void stop() {
    db.close();
    pg.close();
  }

  private static List<String> contents(List<Turn> turns) {
    return turns.stream().map(Turn::content).toList();
  }

  @Test
  void storageKeepsTheNewestTurnsOfEachMemberOnly() {
    for (int i = 1; i <= 5; i++) {
      conversations.appendExchange("family", "alice", "q" + i, "a" + i, List.of("nostr:x" + i));
    }
    conversations.appendExchange("family", "bob", "bob's question", "bob's answer", List.of());
    conversations.appendExchange("work", "alice", "work question", "work answer", List.of());
    assertThat(conversations.count("family", "alice")).isEqualTo(6);
    assertThat(contents(conversations.recent("family", "alice", 100)))
        .containsExactly("q3", "a3", "q4", "a4", "q5", "a5");
    assertThat(conversations.recent("family", "alice", 100).getLast().sources())
        .containsExactly("nostr:x5");
    assertThat(conversations.count("family", "bob")).isEqualTo(2);
    assertThat(conversations.count("work", "alice")).isEqualTo(2);
    conversations.append("family", "alice", Turn.Speaker.MEMBER, "q6", List.of());
    assertThat(contents(conversations.recent("family", "alice", 100)))
        .containsExactly("a3", "q4", "a4", "q5", "a5", "q6");
  }

  @Test
  void aPromptGetsTheNewestTurnsThatFitByCountAndCharacters() {
    for (int i = 1; i <= 3; i++) {
      conversations.appendExchange("personal", "carol", "question " + i, "answer " + i, List.of());
    }
    // By count: the last 4 of 6 turns.
    assertThat(contents(conversations.forPrompt("personal", "carol", 4, 10_000)))
        .containsExactly("question 2", "answer 2", "question 3", "answer 3");
    // By characters: each turn has 8 or 10; 30 characters hold the last three turns, but the
    // window never starts with an answer whose question was left out.
    assertThat(contents(conversations.forPrompt("personal", "carol", 10, 30)))
        .containsExactly("question 3", "answer 3");
    assertThat(conversations.forPrompt("personal", "carol", 10, 5)).isEmpty();
    assertThat(conversations.forPrompt("personal", "nobody", 10, 1000)).isEmpty();
  }

  @Test
  void trimDropsTheOldestTurnsFirst() {
    List<Turn> turns =
        List.of(
            new Turn(Turn.Speaker.MEMBER, "x".repeat(100), List.of(), 1),
            new Turn(Turn.Speaker.ASSISTANT, "y".repeat(100), List.of(), 2),
            new Turn(Turn.Speaker.MEMBER, "z".repeat(50), List.of(), 3));
    assertThat(ConversationService.trim(turns, 250)).hasSize(3);
    assertThat(ConversationService.trim(turns, 249))
        .extracting(Turn::createdAt)
        .containsExactly(3L);
    assertThat(ConversationService.trim(turns, 49)).isEmpty();
  }

  @Test
  void aRetentionBelowOneExchangeIsRefused() {
    assertThatThrownBy(
            () ->
                new ConversationService(
                    db,
                    Clock.systemUTC(),
                    TestConfig.of(Map.of("hearth.assistant.dm.retained-turns", "1"))))
        .hasMessageContaining("retained-turns must be at least 2");
  }
}
