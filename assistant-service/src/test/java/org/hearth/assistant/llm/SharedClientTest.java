package org.hearth.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.embed.OllamaEmbedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.testing.TestConfig;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's shared-client transport gives the same results as ollama4j's own (a new HTTP client
 * per call), over real HTTP to the double; the log shows what one call costs each way (the per-call
 * overhead behind the DM-to-reply tail, docs/benchmarks.md).
 */
class SharedClientTest {
  private static final Logger LOG = Logger.getLogger(SharedClientTest.class);
  private static final int CALLS = 200;

  private final OllamaDouble ollama = new OllamaDouble("llama3.2:3b", "nomic-embed-text:latest");

  @AfterEach
  void stop() {
    ollama.close();
  }

  @Test
  void sameEmbeddingsAndAnswersAsOllama4jsOwnTransport() throws Exception {
    OllamaGateway gateway =
        new OllamaGateway(
            TestConfig.of(
                Map.of(
                    "hearth.assistant.ollama.host",
                    ollama.url(),
                    "hearth.assistant.ollama.model-cache-ttl",
                    "60s")),
            Clock.systemUTC());
    Ollama plain = new Ollama(ollama.url());
    plain.setRequestTimeoutSeconds(10);
    ollama.answerWith(c -> "pong to " + c.messages().getLast().content());
    List<Long> perCallClient = new ArrayList<>();
    List<Long> shared = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      String text = "question number " + i + " about the garden";
      long t0 = System.nanoTime();
      List<Double> v =
          plain
              .embed(new OllamaEmbedRequest("nomic-embed-text:latest", List.of(text)))
              .getEmbeddings()
              .getFirst();
      long t1 = System.nanoTime();
      float[] w = gateway.embed(text + " ").orElseThrow(); // a text the cache has not seen
      long t2 = System.nanoTime();
      perCallClient.add(t1 - t0);
      shared.add(t2 - t1);
      assertThat(w).hasSize(v.size());
      for (int k = 0; k < w.length; k++) {
        assertThat((double) w[k]).isCloseTo(v.get(k), org.assertj.core.data.Offset.offset(1e-6));
      }
    }
    report("embed, ollama4j (new HttpClient per call)", perCallClient);
    report("embed, shared HttpClient", shared);

    OllamaChatRequest r =
        OllamaChatRequest.builder()
            .withModel("llama3.2:3b")
            .withMessage(OllamaChatMessageRole.USER, "ping")
            .withUseTools(false)
            .build();
    String theirs = plain.chat(r, t -> {}).getResponseModel().getMessage().getResponse();
    ChatOutcome ours = gateway.chat("llama3.2:3b", List.of(ChatMessage.user("ping")), p -> {});
    assertThat(theirs).isEqualTo("pong to ping");
    assertThat(ours).isEqualTo(new ChatOutcome.Completed(theirs));
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    LOG.infof(
        "Ollama call cost, %s: %d calls, p50 %.2f ms, p99 %.2f ms",
        what,
        sorted.size(),
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(sorted.size() * 99 / 100) / 1e6);
  }
}
