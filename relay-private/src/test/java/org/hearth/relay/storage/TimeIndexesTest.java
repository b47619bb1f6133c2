package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.eventAt;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.junit.jupiter.api.Test;

/**
 * V1_3: the author and kind time indexes end in {@code id}, so the order REQ answers need
 * (created_at DESC, id ASC) comes from the index scan itself, with no sort before the limit.
 */
@QuarkusTest
class TimeIndexesTest {
  private static final PrivacyClause MEMBER =
      new PrivacyClause(List.of(hex(ALICE)), List.of(30078), List.of(4, 13, 14, 1059, 30970));

  private static final AtomicLong SECONDS_BACK = new AtomicLong();

  @Inject EventWriter writer;

  @Inject Pool pool;

  @Test
  void bothIndexesEndInTheEventId() {
    Map<String, String> defs = new java.util.HashMap<>();
    for (Row r :
        pool.query(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'event'"
                    + " AND indexname IN ('event_author_time', 'event_kind_time')")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(30))) {
      defs.put(r.getString(0), r.getString(1));
    }
    assertThat(defs.get("event_author_time")).endsWith("(relay, pubkey, created_at DESC, id)");
    assertThat(defs.get("event_kind_time")).endsWith("(relay, kind, created_at DESC, id)");
  }

  @Test
  void anAuthorQueryReadsItsIndexInAnswerOrderWithoutSorting() {
    storeTies(40);
    String plan = plan(filter(Set.of(hex(ALICE)), null, OptionalLong.empty()));
    assertThat(plan).contains("\"Index Name\":\"event_author_time\"").doesNotContain("Sort");
  }

  @Test
  void aKindSinceQueryReadsItsIndexInAnswerOrderWithoutSorting() {
    storeTies(40);
    long since = Instant.now().getEpochSecond() - 3_600;
    String plan = plan(filter(null, Set.of(1), OptionalLong.of(since)));
    assertThat(plan).contains("\"Index Name\":\"event_kind_time\"").doesNotContain("Sort");
  }

  @Test
  void equalTimesComeLowestIdFirstWithinTheLimit() {
    List<Event> stored = storeTies(40);
    long at = stored.get(0).createdAt();
    Filter f =
        new Filter(
            null,
            Set.of(hex(ALICE)),
            Set.of(7_777),
            Map.of(),
            OptionalLong.of(at),
            OptionalLong.of(at),
            OptionalInt.of(5),
            Optional.empty());
    FilterSql q = FilterSql.select("family", f, MEMBER, 5, at, "e.id");
    List<String> ids = new ArrayList<>();
    for (Row r :
        pool.preparedQuery(q.sql())
            .execute(Tuple.from(q.args()))
            .await()
            .atMost(Duration.ofSeconds(30))) {
      ids.add(r.getString(0));
    }
    assertThat(ids)
        .containsExactlyElementsOf(stored.stream().map(Event::id).sorted().limit(5).toList());
  }

  /**
   * {@code n} events of ALICE, kind 7777 (no other test uses it), all at one second that no other
   * call uses.
   */
  private List<Event> storeTies(int n) {
    long at = Instant.now().getEpochSecond() - 60 - 10 * SECONDS_BACK.incrementAndGet();
    List<PendingWrite> batch = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Event e = eventAt(ALICE, 7_777, at, "tie " + i + " " + System.nanoTime());
      events.add(e);
      batch.add(new PendingWrite("family", e, new CompletableFuture<>()));
    }
    writer.write(batch).await().atMost(Duration.ofSeconds(30));
    return events;
  }

  private static Filter filter(Set<String> authors, Set<Integer> kinds, OptionalLong since) {
    return new Filter(
        null,
        authors,
        kinds,
        Map.of(),
        since,
        OptionalLong.empty(),
        OptionalInt.of(500),
        Optional.empty());
  }

  /**
   * The JSON plan of the query the relay sends for {@code f}, with sequential and bitmap scans
   * priced out (a test table is too small for the planner to prefer any index otherwise): among the
   * index scans left, one that needs no sort wins only if an index gives the full order.
   */
  private String plan(Filter f) {
    FilterSql q =
        FilterSql.select(
            "family", f, MEMBER, 500, Instant.now().getEpochSecond(), StoredEvent.COLUMNS);
    return pool.withTransaction(
            c ->
                c.query("SET LOCAL enable_seqscan = off")
                    .execute()
                    .chain(() -> c.query("SET LOCAL enable_bitmapscan = off").execute())
                    .chain(
                        () ->
                            c.preparedQuery("EXPLAIN (FORMAT JSON) " + q.sql())
                                .execute(Tuple.from(q.args())))
                    .map(rs -> rs.iterator().next().getValue(0).toString()))
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
