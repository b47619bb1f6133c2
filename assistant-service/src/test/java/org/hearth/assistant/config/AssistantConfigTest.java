package org.hearth.assistant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.hearth.assistant.testing.TestConfig;
import org.junit.jupiter.api.Test;

class AssistantConfigTest {
  private static final String ALICE =
      "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";

  @Test
  void defaultsGiveThreeAssistantsOnTheirOwnRelays() {
    AssistantConfig c = TestConfig.of(Map.of());
    assertThat(c.relays()).containsExactly("personal", "family", "work");
    assertThat(c.dm().lookback()).isEqualTo(Duration.ofDays(2));
    assertThat(c.database().url()).isEmpty();
    Scopes scopes = new Scopes(c);
    assertThat(scopes.all())
        .extracting(ScopeSettings::relay)
        .containsExactly("personal", "family", "work");
    ScopeSettings family = scopes.get("family").orElseThrow();
    assertThat(family.relayUrl()).endsWith("/family");
    assertThat(family.persona()).contains("family assistant").doesNotContain("{relay}");
    assertThat(family.fineTunedModel()).isEqualTo("hearth-family");
    assertThat(family.followedKinds()).contains(1, 30023, 31922, 31923, 30000, 10003);
  }

  @Test
  void relayUrlComesFromTheBaseUrlAndScopesOverrideDefaults() {
    AssistantConfig c =
        TestConfig.of(
            Map.of(
                "hearth.assistant.relay-url", "https://hearth.example/relays/",
                "hearth.assistant.relays", "family,work",
                "hearth.assistant.scopes.work.persona", "You are terse.",
                "hearth.assistant.scopes.work.base-model", "qwen2.5:7b",
                "hearth.assistant.scopes.work.followed-kinds", "1,31923",
                "hearth.assistant.scopes.family.members",
                    "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg",
                "hearth.assistant.defaults.admins", ALICE));
    Scopes scopes = new Scopes(c);
    ScopeSettings work = scopes.get("work").orElseThrow();
    ScopeSettings family = scopes.get("family").orElseThrow();
    assertThat(work.relayUrl()).isEqualTo("wss://hearth.example/relays/work");
    assertThat(work.persona()).isEqualTo("You are terse.");
    assertThat(work.baseModel()).isEqualTo("qwen2.5:7b");
    assertThat(work.followedKinds()).containsExactlyInAnyOrder(1, 31923);
    assertThat(family.baseModel()).isEqualTo("llama3.2:3b");
    assertThat(family.configuredMembers()).containsExactly(ALICE);
    assertThat(work.configuredMembers()).isEmpty();
    assertThat(work.admins()).containsExactly(ALICE);
    assertThat(scopes.get("personal")).isEmpty();
  }

  @Test
  void theLauncherEnvironmentVariablesSetRelayKeysAndOllama() {
    AssistantConfig c =
        TestConfig.of(
            Map.of(
                "HEARTH_RELAY_URL", "ws://relay.local:7000",
                "HEARTH_ASSISTANT_KEYS_DIR", "/var/lib/hearth/keys",
                "OLLAMA_HOST", "gpu-box:11434"));
    assertThat(c.relayUrl().toString()).isEqualTo("ws://relay.local:7000");
    assertThat(c.keysDir().toString()).isEqualTo("/var/lib/hearth/keys");
    assertThat(c.ollama().host()).isEqualTo("gpu-box:11434");
    assertThat(new Scopes(c).get("personal").orElseThrow().relayUrl())
        .isEqualTo("ws://relay.local:7000/personal");
  }

  @Test
  void rejectsARelayUrlThatIsNotAWebsocketOrHttpUrl() {
    AssistantConfig c = TestConfig.of(Map.of("hearth.assistant.relay-url", "ftp://x/"));
    assertThatThrownBy(() -> new Scopes(c)).hasMessageContaining("ws(s)://");
  }
}
