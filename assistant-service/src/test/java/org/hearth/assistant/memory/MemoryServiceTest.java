package org.hearth.assistant.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.assistant.testing.TestEvents.daysAgo;
import static org.hearth.assistant.testing.TestEvents.event;
import static org.hearth.assistant.testing.TestEvents.note;
import static org.hearth.assistant.testing.TestEvents.now;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.assistant.config.Scopes;
import org.hearth.assistant.ollama.OllamaDouble;
import org.hearth.assistant.testing.InjectOllama;
import org.hearth.assistant.testing.MutableClock;
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
class MemoryServiceTest {
  @Inject MemoryService memory;
  @Inject Scopes scopes;
  @Inject MutableClock clock;
  @InjectOllama OllamaDouble ollama;

  private final LocalSigner alice = LocalSigner.generate();
  private final LocalSigner bob = LocalSigner.generate();
  private ScopeSettings family;
  private String word;

  @BeforeEach
  void setUp() {
    clock.reset();
    family = scopes.get("family").orElseThrow();
    // A word no other test uses, so tests sharing the database do not see each other's notes.
    word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @AfterEach
  void tearDown() {
    clock.reset();
    ollama.reset();
  }

  private List<String> found(String question) {
    return memory.search("family", question, 10).stream().map(MemoryNote::eventId).toList();
  }

  @Test
  void findsNotesByTheirWordsWithNewerNotesFirst() {
    Event old = note(alice, "The " + word + " appointment is on Tuesday", daysAgo(200));
    Event recent = note(alice, "The " + word + " appointment moved to Friday", daysAgo(1));
    Event other = note(alice, "Buy milk " + UUID.randomUUID(), daysAgo(1));
    assertThat(memory.ingest(family, old)).isEqualTo(IngestResult.STORED);
    assertThat(memory.ingest(family, recent)).isEqualTo(IngestResult.STORED);
    assertThat(memory.ingest(family, other)).isEqualTo(IngestResult.STORED);
    assertThat(memory.ingest(family, recent)).isEqualTo(IngestResult.UNCHANGED);
    assertThat(found("When is the " + word + " appointment?"))
        .containsExactly(recent.id(), old.id());
  }

  @Test
  void storesEmbeddingsFromOllamaAndSearchesWithoutThemToo() {
    Event e = note(alice, "Grandma " + word + " birthday party", now());
    memory.ingest(family, e);
    assertThat(ollama.embeddedTexts()).anySatisfy(t -> assertThat(t).contains(word));
    ollama.removeModel(OllamaResource.EMBED_MODEL);
    Event plain = note(alice, "Grandpa " + word + " fishing trip", now());
    assertThat(memory.ingest(family, plain)).isEqualTo(IngestResult.STORED);
    assertThat(found(word)).containsExactlyInAnyOrder(e.id(), plain.id());
  }

  @Test
  void notesStoredWhileOllamaWasAwayAreEmbeddedLater() {
    ollama.down(true);
    Event e = note(alice, "Swimming lessons " + word + " on Saturdays", now());
    assertThat(memory.ingest(family, e)).isEqualTo(IngestResult.STORED);
    assertThat(memory.backfillEmbeddings("family", 500)).isZero();
    ollama.down(false);
    assertThat(memory.backfillEmbeddings("family", 500)).isGreaterThanOrEqualTo(1);
    assertThat(ollama.embeddedTexts()).anySatisfy(t -> assertThat(t).contains(word));
    assertThat(memory.backfillEmbeddings("family", 500)).isZero();
  }

  @Test
  void ignoresUnfollowedKindsAndForgedEvents() {
    Event reaction = event(alice, 7, word, now());
    assertThat(memory.ingest(family, reaction)).isEqualTo(IngestResult.NOT_FOLLOWED);
    Event good = note(alice, "note " + word, now());
    Event forged =
        new Event(
            good.id(),
            bob.publicKey().hex(),
            good.createdAt(),
            1,
            good.tags(),
            good.content(),
            good.sig());
    assertThat(memory.ingest(family, forged)).isEqualTo(IngestResult.INVALID);
    assertThat(found(word)).isEmpty();
  }

  @Test
  void authorsDeletionsRemoveNotesAndKeepThemOut() {
    Event a = note(alice, "secret " + word + " plan", daysAgo(1));
    Event b = note(alice, "second " + word + " plan", daysAgo(1));
    memory.ingest(family, a);
    // Bob cannot delete Alice's note.
    memory.ingest(family, event(bob, 5, "", now(), "e", a.id()));
    assertThat(found(word)).contains(a.id());
    assertThat(memory.ingest(family, event(alice, 5, "", now(), "e", a.id(), "e", b.id())))
        .isEqualTo(IngestResult.DELETION_APPLIED);
    assertThat(found(word)).isEmpty();
    // The deleted note, seen again (or late), is not remembered.
    assertThat(memory.ingest(family, a)).isEqualTo(IngestResult.DELETED);
    assertThat(memory.ingest(family, b)).isEqualTo(IngestResult.DELETED);
  }

  @Test
  void addressableEventsKeepTheNewestVersionAndCanBeDeletedByAddress() {
    String d = "trip-" + word;
    Event v1 = event(alice, 30023, "Draft about " + word, daysAgo(3), "d", d, "title", "Trip");
    Event v2 = event(alice, 30023, "Final text about " + word, daysAgo(2), "d", d);
    assertThat(memory.ingest(family, v1)).isEqualTo(IngestResult.STORED);
    assertThat(memory.ingest(family, v2)).isEqualTo(IngestResult.STORED);
    assertThat(memory.ingest(family, v1)).isEqualTo(IngestResult.UNCHANGED);
    assertThat(found(word)).containsExactly(v2.id());
    String address = "30023:" + alice.publicKey().hex() + ":" + d;
    memory.ingest(family, event(alice, 5, "", now(), "a", address));
    assertThat(found(word)).isEmpty();
  }

  @Test
  void expiredNotesAreNeitherStoredNorFound() {
    Event gone = note(alice, "old " + word, daysAgo(1), "expiration", String.valueOf(now() - 10));
    assertThat(memory.ingest(family, gone)).isEqualTo(IngestResult.EXPIRED);
    Event soon = note(alice, "soon " + word, now(), "expiration", String.valueOf(now() + 3600));
    assertThat(memory.ingest(family, soon)).isEqualTo(IngestResult.STORED);
    assertThat(found(word)).containsExactly(soon.id());
    clock.advance(Duration.ofHours(2));
    assertThat(found(word)).isEmpty();
    assertThat(memory.purgeExpired("family")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void calendarEventsAreRememberedWithTheirTimeAndPlace() {
    long start = 1_800_000_000L;
    Event cal =
        event(
            alice,
            31923,
            "Bring cake",
            now(),
            "d",
            word,
            "title",
            "Piano recital " + word,
            "start",
            String.valueOf(start),
            "location",
            "Town hall");
    memory.ingest(family, cal);
    MemoryNote n = memory.search("family", "piano recital " + word, 1).getFirst();
    assertThat(n.content())
        .contains("Piano recital", "2027-01-15 08:00 UTC", "Town hall", "Bring cake");
  }

  @Test
  void oneRelaysMemoryNeverAnswersForAnother() {
    ScopeSettings work = scopes.get("work").orElseThrow();
    memory.ingest(work, note(alice, "work only " + word, now()));
    assertThat(found(word)).isEmpty();
    assertThat(memory.search("work", word, 10)).hasSize(1);
  }

  @Test
  void resumesFromTheNewestRememberedEventMinusTheMargin() {
    ScopeSettings scope =
        new ScopeSettings(
            "resume" + word,
            "ws://127.0.0.1:1/resume",
            "persona",
            OllamaResource.BASE_MODEL,
            java.util.Set.of(1),
            java.util.Set.of(),
            java.util.Set.of());
    String relay = scope.relay();
    long margin = 3600; // the default hearth.assistant.memory.resume-margin
    assertThat(memory.resumeSince(relay)).as("nothing remembered: read everything").isEmpty();
    long t = now();
    assertThat(memory.ingest(scope, note(alice, word + " old", t - 7200)))
        .isEqualTo(IngestResult.STORED);
    assertThat(memory.resumeSince(relay)).hasValue(t - 7200 - margin);
    assertThat(memory.ingest(scope, event(alice, 5, "", t - 100, "e", "0".repeat(64))))
        .isEqualTo(IngestResult.DELETION_APPLIED);
    assertThat(memory.resumeSince(relay)).as("deletions count too").hasValue(t - 100 - margin);
    assertThat(memory.ingest(scope, note(bob, word + " from the future", t + 600)))
        .isEqualTo(IngestResult.STORED);
    long since = memory.resumeSince(relay).orElseThrow();
    assertThat(since)
        .as("never later than now minus the margin")
        .isLessThanOrEqualTo(now() - margin);
    assertThat(since).isGreaterThanOrEqualTo(t - margin);
    assertThat(memory.resumeSince("family" + word)).as("per relay").isEmpty();
  }
}
