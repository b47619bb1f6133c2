package org.hearth.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearth.assistant.config.AssistantConfig;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ollama4j against the Ollama double over a real socket. */
class OllamaGatewayTest {
  private final OllamaDouble ollama = new OllamaDouble("llama3.2:3b", "nomic-embed-text:latest");

  @AfterEach
  void stop() {
    ollama.close();
  }

  private OllamaGateway gateway(String... more) {
    Map<String, String> props = new java.util.HashMap<>();
    props.put("hearth.assistant.ollama.host", ollama.url());
    props.put("hearth.assistant.ollama.model-cache-ttl", "0s");
    for (int i = 0; i + 1 < more.length; i += 2) {
      props.put(more[i], more[i + 1]);
    }
    return new OllamaGateway(TestConfig.of(props), Clock.systemUTC());
  }

  private static ScopeSettings family() {
    AssistantConfig c = TestConfig.of(Map.of());
    return new Scopes(c).get("family").orElseThrow();
  }

  @Test
  void listsVersionAndModels() {
    ModelStatus s = gateway().status();
    assertThat(s.reachable()).isTrue();
    assertThat(s.version()).contains("0.12.6");
    assertThat(s.models()).containsExactlyInAnyOrder("llama3.2:3b", "nomic-embed-text:latest");
    assertThat(s.has("nomic-embed-text")).isTrue();
  }

  @Test
  void picksTheFineTunedModelWhenOllamaHasIt() {
    OllamaGateway g = gateway();
    assertThat(g.modelFor(family())).contains("llama3.2:3b");
    ollama.addModel("hearth-family:latest");
    assertThat(g.modelFor(family())).contains("hearth-family");
  }

  @Test
  void streamsAChatAnswerChunkByChunk() {
    ollama.answerWith(c -> "Dinner is at seven on Friday, says note [1].");
    ollama.streaming(5, Duration.ZERO);
    List<String> chunks = new CopyOnWriteArrayList<>();
    ChatOutcome out =
        gateway()
            .chat(
                "llama3.2:3b",
                List.of(ChatMessage.system("persona"), ChatMessage.user("when is dinner?")),
                chunks::add);
    assertThat(out)
        .isEqualTo(new ChatOutcome.Completed("Dinner is at seven on Friday, says note [1]."));
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(5);
    assertThat(String.join("", chunks)).isEqualTo("Dinner is at seven on Friday, says note [1].");
    OllamaDouble.ChatCall call = ollama.chats().getFirst();
    assertThat(call.stream()).isTrue();
    assertThat(call.model()).isEqualTo("llama3.2:3b");
    assertThat(call.messages())
        .containsExactly(
            new OllamaDouble.Message("system", "persona"),
            new OllamaDouble.Message("user", "when is dinner?"));
  }

  @Test
  void aSlowStreamEndsAtTheAnswerTimeoutKeepingThePartialText() {
    ollama.answerWith(c -> "abcdefghijklmnopqrst".repeat(2));
    ollama.streaming(20, Duration.ofMillis(250));
    ChatOutcome out =
        gateway("hearth.assistant.ollama.answer-timeout", "1s")
            .chat("llama3.2:3b", List.of(ChatMessage.user("q")), piece -> {});
    assertThat(out).isInstanceOf(ChatOutcome.TimedOut.class);
    String partial = ((ChatOutcome.TimedOut) out).partial();
    assertThat(partial).isNotEmpty();
    assertThat("abcdefghijklmnopqrst".repeat(2)).startsWith(partial).isNotEqualTo(partial);
  }

  @Test
  void anUnknownModelIsAFailureNotACrash() {
    ChatOutcome out = gateway().chat("nope:1b", List.of(ChatMessage.user("q")), piece -> {});
    assertThat(out).isInstanceOf(ChatOutcome.Failed.class);
    assertThat(((ChatOutcome.Failed) out).reason()).contains("not found");
  }

  @Test
  void embedsWithTheEmbeddingModelOnly() {
    assertThat(gateway().embed("dentist appointment"))
        .get()
        .satisfies(v -> assertThat(v).hasSize(1024));
    assertThat(ollama.embeddedTexts()).containsExactly("dentist appointment");
    ollama.removeModel("nomic-embed-text:latest");
    assertThat(gateway().embed("dentist appointment")).isEmpty();
  }

  @Test
  void withoutOllamaEverythingIsEmptyNotAnError() {
    OllamaGateway g = gateway();
    ollama.close();
    assertThat(g.status().reachable()).isFalse();
    assertThat(g.modelFor(family())).isEmpty();
    assertThat(g.embed("x")).isEmpty();
    assertThat(g.chat("llama3.2:3b", List.of(ChatMessage.user("q")), p -> {}))
        .isInstanceOf(ChatOutcome.Failed.class);
  }
}
