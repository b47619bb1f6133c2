package org.hearth.assistant.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.OllamaResource;
import org.hearth.assistant.testing.PostgresResource;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip59.Nip17;
import org.hearth.nostr.nip59.Nip59;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DM-to-reply overhead, one DM at a time (docs/benchmarks.md): 20 warm-up DMs, then 200 measured,
 * each a gift wrap in and a gift-wrapped reply out with the Ollama double answering at once and the
 * production model-list cache; one member, so the prompt carries a real history. Every DM must get
 * the model's answer.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
@TestProfile(DmLatencyBenchmarkTest.Benchmark.class)
class DmLatencyBenchmarkTest {
  /** The production model-list cache (60 s); no per-member rate limit for the one sender. */
  public static class Benchmark implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "hearth.assistant.ollama.model-cache-ttl", "60s",
          "hearth.assistant.dm.per-member-per-minute", "100000");
    }
  }

  private static final Logger LOG = Logger.getLogger(DmLatencyBenchmarkTest.class);
  private static final int WARM_UP = 20;
  private static final int MEASURED = 200;

  @Inject DmService dms;
  @Inject Scopes scopes;
  @Inject MembershipService membership;
  @InjectOllama OllamaDouble ollama;

  @AfterEach
  void tearDown() {
    ollama.reset();
  }

  @Test
  void oneDmAtATime() {
    ScopeSettings personal = scopes.get("personal").orElseThrow();
    LocalSigner self = LocalSigner.generate();
    LocalSigner relayKey = LocalSigner.generate();
    LocalSigner member = LocalSigner.generate();
    membership.relaySelf("personal", relayKey.publicKey().hex());
    assertThat(
            membership.offer(
                "personal",
                relayKey.sign(
                    EventTemplate.of(
                        13534,
                        List.of(List.of("-"), List.of("member", member.publicKey().hex())),
                        ""))))
        .isTrue();
    ollama.answerWith(c -> "echo " + c.messages().getLast().content());
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < WARM_UP + MEASURED; i++) {
      String question = "question " + i + " about the week";
      Event wrap =
          Nip59.giftWrap(
              member,
              Nip17.chatMessage(
                  member.publicKey(),
                  List.of(Nip17.Recipient.of(self.publicKey())),
                  question,
                  Optional.empty(),
                  Optional.empty(),
                  Instant.now().getEpochSecond()),
              self.publicKey());
      List<Event> out = new ArrayList<>();
      long t0 = System.nanoTime();
      DmOutcome o = dms.handle(personal, self, wrap, out::add);
      long t = System.nanoTime() - t0;
      assertThat(o).isEqualTo(DmOutcome.ANSWERED);
      assertThat(out).hasSize(1);
      assertThat(Nip59.unwrap(out.getFirst(), member).rumor().content())
          .startsWith("echo " + question);
      if (i >= WARM_UP) {
        nanos.add(t);
      }
    }
    List<Long> sorted = nanos.stream().sorted().toList();
    LOG.infof(
        "DM-to-reply benchmark, one at a time: %d DMs, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms",
        sorted.size(),
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(sorted.size() * 90 / 100) / 1e6,
        sorted.get(sorted.size() * 99 / 100) / 1e6,
        sorted.getLast() / 1e6);
  }
}
