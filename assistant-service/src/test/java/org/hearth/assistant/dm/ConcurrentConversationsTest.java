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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * 100 members DM the personal assistant at once (NIP-17), each twice (the same message delivered
 * twice, as relays do): every member gets exactly one reply, with their own answer.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(OllamaResource.class)
@TestProfile(ConcurrentConversationsTest.ProductionCache.class)
class ConcurrentConversationsTest {
  /** The production model-list cache (60 s) instead of the tests' 0 s, for realistic timings. */
  public static class ProductionCache implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("hearth.assistant.ollama.model-cache-ttl", "60s");
    }
  }

  private static final Logger LOG = Logger.getLogger(ConcurrentConversationsTest.class);
  private static final int MEMBERS = 100;

  @Inject DmService dms;
  @Inject Scopes scopes;
  @Inject MembershipService membership;
  @InjectOllama OllamaDouble ollama;

  @AfterEach
  void tearDown() {
    ollama.reset();
  }

  @Test
  void hundredConcurrentConversationsLoseNothingAndAnswerOnce() throws Exception {
    ScopeSettings personal = scopes.get("personal").orElseThrow();
    LocalSigner self = LocalSigner.generate();
    LocalSigner relayKey = LocalSigner.generate();
    List<LocalSigner> members = new ArrayList<>();
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("-"));
    for (int i = 0; i < MEMBERS; i++) {
      LocalSigner m = LocalSigner.generate();
      members.add(m);
      tags.add(List.of("member", m.publicKey().hex()));
    }
    membership.relaySelf("personal", relayKey.publicKey().hex());
    assertThat(membership.offer("personal", relayKey.sign(EventTemplate.of(13534, tags, ""))))
        .isTrue();
    ollama.answerWith(c -> "echo " + c.messages().getLast().content());

    List<Event> wraps = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      LocalSigner m = members.get(i);
      Event wrap =
          Nip59.giftWrap(
              m,
              Nip17.chatMessage(
                  m.publicKey(),
                  List.of(Nip17.Recipient.of(self.publicKey())),
                  "question " + i,
                  Optional.empty(),
                  Optional.empty(),
                  Instant.now().getEpochSecond()),
              self.publicKey());
      wraps.add(wrap);
      wraps.add(wrap); // redelivered
    }
    List<Event> published = new CopyOnWriteArrayList<>();
    Map<DmOutcome, Integer> outcomes = new ConcurrentHashMap<>();
    List<Long> nanos = new CopyOnWriteArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (Event w : wraps) {
        futures.add(
            pool.submit(
                () -> {
                  long t0 = System.nanoTime();
                  DmOutcome o = dms.handle(personal, self, w, published::add);
                  nanos.add(System.nanoTime() - t0);
                  outcomes.merge(o, 1, Integer::sum);
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(outcomes).containsEntry(DmOutcome.ANSWERED, MEMBERS);
    assertThat(outcomes).containsEntry(DmOutcome.DUPLICATE, MEMBERS);
    assertThat(published).hasSize(MEMBERS);
    for (int i = 0; i < MEMBERS; i++) {
      LocalSigner m = members.get(i);
      List<Event> mine =
          published.stream().filter(e -> e.tagValues("p").contains(m.publicKey().hex())).toList();
      assertThat(mine).hasSize(1);
      assertThat(Nip59.unwrap(mine.getFirst(), m).rumor().content())
          .startsWith("echo question " + i);
    }
    report("concurrent (100 conversations at once, each DM delivered twice)", nanos);

    // One at a time: the overhead of one DM, wrap to reply, with the double answering at once.
    List<Long> sequential = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      LocalSigner m = members.get(i);
      Event wrap =
          Nip59.giftWrap(
              m,
              Nip17.chatMessage(
                  m.publicKey(),
                  List.of(Nip17.Recipient.of(self.publicKey())),
                  "follow-up " + i,
                  Optional.empty(),
                  Optional.empty(),
                  Instant.now().getEpochSecond()),
              self.publicKey());
      long t0 = System.nanoTime();
      assertThat(dms.handle(personal, self, wrap, e -> true)).isEqualTo(DmOutcome.ANSWERED);
      sequential.add(System.nanoTime() - t0);
    }
    report("sequential", sequential);
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    LOG.infof(
        "DM-to-reply, %s: %d events, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        what,
        sorted.size(),
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(sorted.size() * 99 / 100) / 1e6,
        sorted.getLast() / 1e6);
  }
}
