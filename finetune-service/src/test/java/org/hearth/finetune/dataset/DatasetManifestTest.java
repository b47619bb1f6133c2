package org.hearth.finetune.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.finetune.scrub.PiiCategory;
import org.hearth.finetune.scrub.ScrubStats;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.junit.jupiter.api.Test;

class DatasetManifestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalSigner ALICE =
      new LocalSigner(PrivateKey.fromHex("%064x".formatted(0x21)));

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static Event note(String text, long at) {
    return ALICE.sign(new EventTemplate(1, List.of(), text, at));
  }

  @Test
  void aSampleHashIsTheSha256OfItsCanonicalJson() throws Exception {
    Sample s = new Sample(Sample.Kind.CHAT, "Wie geht's \"dir\"?", "Gut ✓", List.of("ab", "cd"));
    String expected =
        "{\"kind\":\"CHAT\",\"prompt\":\"Wie geht's \\\"dir\\\"?\",\"completion\":\"Gut ✓\","
            + "\"sourceIds\":[\"ab\",\"cd\"]}";
    assertThat(SampleHashes.canonicalJson(s)).isEqualTo(expected);
    assertThat(SampleHashes.of(s)).isEqualTo(sha256(expected));
    String h1 = SampleHashes.of(s);
    String h2 = SampleHashes.of(new Sample(Sample.Kind.DOCUMENT, "p", "c", List.of("ef")));
    assertThat(SampleHashes.ofList(List.of(h1, h2))).isEqualTo(sha256(h1 + "\n" + h2 + "\n"));
    assertThat(SampleHashes.ofList(List.of(h2, h1)))
        .isNotEqualTo(SampleHashes.ofList(List.of(h1, h2)));
  }

  @Test
  void theManifestCountsHashesAndListsIdsSortedAndIsStable() throws Exception {
    Event a = note("first", 1_700_000_002L);
    Event b = note("second", 1_700_000_001L);
    Event c = note("third", 1_700_000_000L);
    List<Sample> samples =
        List.of(
            new Sample(Sample.Kind.DOCUMENT, "Write a note.", "first", List.of(a.id())),
            new Sample(Sample.Kind.DOCUMENT, "Write a note.", "second", List.of(b.id())));
    ScrubStats stats = new ScrubStats(Map.of(PiiCategory.EMAIL, 2, PiiCategory.PERSON_NAME, 3));
    String m1 = write(Instant.parse("2026-11-26T10:00:00Z"), samples, stats, a, b, c);
    String m2 = write(Instant.parse("2026-11-26T11:00:00Z"), samples, stats, b, c, a);
    assertThat(withoutBuildTime(m1)).isEqualTo(withoutBuildTime(m2));
    assertThat(m1).isNotEqualTo(m2);

    JsonNode doc = JSON.readTree(m1);
    assertThat(doc.path("relay").asText()).isEqualTo("family");
    assertThat(doc.path("builtAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
    List<String> noteIds = new ArrayList<>();
    doc.path("eventIds").path("1").forEach(n -> noteIds.add(n.asText()));
    assertThat(noteIds)
        .containsExactlyElementsOf(List.of(a.id(), b.id()).stream().sorted().toList());
    JsonNode events = doc.path("events");
    assertThat(events.path("seen").asLong()).isEqualTo(4); // three notes and one forgery
    assertThat(events.path("used").asLong()).isEqualTo(2);
    assertThat(events.path("skipped").path("empty").asLong()).isEqualTo(1);
    assertThat(events.path("skipped").path("bad-signature").asLong()).isEqualTo(1);
    assertThat(events.path("skipped").size()).isEqualTo(SkipReason.values().length);
    JsonNode sm = doc.path("samples");
    assertThat(sm.path("count").asInt()).isEqualTo(2);
    assertThat(sm.path("sha256").get(0).asText()).isEqualTo(SampleHashes.of(samples.get(0)));
    assertThat(sm.path("sha256").get(1).asText()).isEqualTo(SampleHashes.of(samples.get(1)));
    assertThat(sm.path("listSha256").asText())
        .isEqualTo(
            sha256(
                SampleHashes.of(samples.get(0)) + "\n" + SampleHashes.of(samples.get(1)) + "\n"));
    assertThat(doc.path("scrub").path("EMAIL").asInt()).isEqualTo(2);
    assertThat(doc.path("scrub").path("PERSON_NAME").asInt()).isEqualTo(3);
    assertThat(doc.path("scrub").path("IBAN").asInt()).isZero();
    assertThat(doc.path("scrub").path("total").asInt()).isEqualTo(5);
  }

  @Test
  void forgedAndOffFilterEventsAreDroppedAndCounted() {
    Event real = note("real", 1_700_000_000L);
    Event forged =
        new Event(
            real.id(), real.pubkey(), real.createdAt(), 1, real.tags(), "changed", real.sig());
    Event longForm = ALICE.sign(new EventTemplate(30023, List.of(List.of("d", "x")), "t", 1L));
    Filter notes = new Filter(null, null, java.util.Set.of(1), null, null, null, null, null);
    FetchTally tally = new FetchTally();
    List<Event> out = new ArrayList<>();
    RelayReader.check(notes, forged, tally, out);
    RelayReader.check(notes, forged, tally, out);
    RelayReader.check(notes, real, tally, out);
    RelayReader.check(notes, real, tally, out);
    RelayReader.check(notes, longForm, tally, out);
    assertThat(out).containsExactly(real);
    assertThat(tally.skippedCounts())
        .containsEntry(SkipReason.BAD_SIGNATURE, 1L)
        .containsEntry(SkipReason.OFF_FILTER, 1L);
    assertThat(tally.seenCount()).isEqualTo(3);
  }

  private static String write(Instant at, List<Sample> samples, ScrubStats stats, Event... order) {
    FetchTally tally = new FetchTally();
    tally.dropped("f".repeat(64), SkipReason.BAD_SIGNATURE);
    for (Event e : order) {
      tally.seen(e);
      if (e.content().equals("third")) {
        tally.skip(e, SkipReason.EMPTY);
      } else {
        tally.use(e);
      }
    }
    DatasetManifest.Facts facts =
        new DatasetManifest.Facts(
            "family",
            "ws://127.0.0.1:1/family",
            at,
            "aa".repeat(32),
            "bb".repeat(32),
            Optional.of("cc".repeat(32)),
            3,
            1,
            0);
    return DatasetManifest.write(facts, tally, samples, stats);
  }

  private static String withoutBuildTime(String manifest) {
    return manifest.replaceAll("\"builtAt\" : \"[^\"]*\"", "");
  }
}
