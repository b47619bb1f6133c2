package org.hearth.assistant.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.testing.TestConfig;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.junit.jupiter.api.Test;

class AssistantProfileTest {
  private final ScopeSettings family =
      new Scopes(TestConfig.of(Map.of("hearth.assistant.relay-url", "wss://home.example")))
          .get("family")
          .orElseThrow();

  @Test
  void publishesABotProfileAndListsOnlyItsOwnRelay() throws Exception {
    List<EventTemplate> t = AssistantProfile.templates(family);
    assertThat(t).extracting(EventTemplate::kind).containsExactly(0, 10002, 10050);
    JsonNode profile = new ObjectMapper().readTree(t.get(0).content());
    assertThat(profile.path("bot").asBoolean()).isTrue();
    assertThat(profile.path("name").asText()).isEqualTo("family-assistant");
    assertThat(t.get(1).tags()).containsExactly(List.of("r", "wss://home.example/family"));
    assertThat(t.get(2).tags()).containsExactly(List.of("relay", "wss://home.example/family"));
  }

  @Test
  void subscribesToItsInboxWithATwoDayLookbackAndToFollowedKinds() {
    LocalSigner self = LocalSigner.generate();
    List<Filter> inbox = Subscriptions.inbox(self.publicKey(), 1_000_000, Duration.ofDays(2));
    assertThat(inbox).extracting(Filter::kinds).containsExactly(Set.of(1059), Set.of(4));
    assertThat(inbox)
        .allSatisfy(
            f -> {
              assertThat(f.tags()).isEqualTo(Map.of("p", Set.of(self.publicKey().hex())));
              assertThat(f.since().getAsLong()).isEqualTo(1_000_000 - 2 * 86400);
            });
    Filter memory = Subscriptions.memory(family, java.util.OptionalLong.empty());
    assertThat(memory.kinds()).contains(5, 1, 30023, 31922, 31923);
    assertThat(memory.kinds()).doesNotContain(4, 1059, 14);
    assertThat(memory.since()).isEmpty();
    assertThat(Subscriptions.memory(family, java.util.OptionalLong.of(42)).since()).hasValue(42);
    Filter jobs = Subscriptions.jobEvents(self.publicKey(), 7);
    assertThat(jobs.kinds()).containsExactlyInAnyOrder(7000, 6970);
    assertThat(jobs.tags()).isEqualTo(Map.of("p", Set.of(self.publicKey().hex())));
    assertThat(jobs.since()).hasValue(7);
  }
}
