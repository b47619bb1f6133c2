package org.hearth.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.hearth.assistant.testing.TestConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against a real Ollama: run with {@code -Plive-ollama} and {@code OLLAMA_HOST} set (and {@code
 * HEARTH_LIVE_MODEL}, default {@code llama3.2:3b}, pulled). Excluded from the default build by tag.
 */
@Tag("live-ollama")
class LiveOllamaTest {
  @Test
  void chatsAndEmbedsWithARealOllama() {
    String host = System.getenv("OLLAMA_HOST");
    assertThat(host).as("OLLAMA_HOST must point at a running Ollama").isNotBlank();
    String model = System.getenv().getOrDefault("HEARTH_LIVE_MODEL", "llama3.2:3b");
    OllamaGateway g =
        new OllamaGateway(
            TestConfig.of(Map.of("hearth.assistant.ollama.host", host)), Clock.systemUTC());
    ModelStatus status = g.status();
    assertThat(status.reachable()).isTrue();
    assertThat(status.has(model)).as(model + " is pulled").isTrue();
    ChatOutcome out =
        g.chat(model, List.of(ChatMessage.user("Reply with the single word: pong")), p -> {});
    assertThat(out).isInstanceOf(ChatOutcome.Completed.class);
    assertThat(((ChatOutcome.Completed) out).text().toLowerCase()).contains("pong");
  }
}
