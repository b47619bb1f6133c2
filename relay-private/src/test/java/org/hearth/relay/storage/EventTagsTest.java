package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.eventAt;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hearth.nostr.event.Event;
import org.hearth.relay.support.TestSql;
import org.junit.jupiter.api.Test;

/**
 * Tags are written with their event in one statement and, with no foreign key behind them, deleted
 * explicitly by every path that deletes events.
 */
@QuarkusTest
class EventTagsTest {
  @Inject EventWriter writer;

  @Inject EventQueries queries;

  @Inject Pool pool;

  private List<StoreResult> write(Event... events) {
    List<PendingWrite> batch =
        java.util.Arrays.stream(events)
            .map(e -> new PendingWrite("family", e, new CompletableFuture<>()))
            .toList();
    return writer.write(batch).await().atMost(Duration.ofSeconds(30));
  }

  private long count(String sql, Object... args) {
    return TestSql.count(pool, sql, args);
  }

  private long tags(Event e) {
    return count("SELECT count(*) FROM event_tag WHERE relay = 'family' AND event_id = $1", e.id());
  }

  private long events(Event e) {
    return count("SELECT count(*) FROM event WHERE relay = 'family' AND id = $1", e.id());
  }

  @Test
  void theSameEventTwiceInOneBatchIsStoredOnceWithItsTagsOnce() {
    String t = UUID.randomUUID().toString();
    Event twice = event(ALICE, 1, "twice", "t", t, "p", hex(BOB), "t", t);
    Event other = event(BOB, 1, "other", "t", t);
    List<StoreResult> results = write(twice, twice, other);
    assertThat(results.get(0)).isEqualTo(StoreResult.STORED);
    assertThat(results.get(1)).isInstanceOf(StoreResult.Duplicate.class);
    assertThat(((StoreResult.Duplicate) results.get(1)).why()).startsWith("duplicate:");
    assertThat(results.get(2)).isEqualTo(StoreResult.STORED);
    assertThat(tags(twice)).isEqualTo(2); // t once (sent twice in the event), p once
    assertThat(tags(other)).isEqualTo(1);

    assertThat(write(twice).get(0)).isInstanceOf(StoreResult.Duplicate.class);
    assertThat(tags(twice)).isEqualTo(2);
  }

  @Test
  void aReplacedVersionTakesItsTagsWithIt() {
    String d = UUID.randomUUID().toString();
    long now = Instant.now().getEpochSecond();
    Event old = eventAt(ALICE, 30001, now - 10, "old", "d", d, "t", "old");
    Event newer = eventAt(ALICE, 30001, now, "new", "d", d, "t", "new");
    assertThat(write(old)).containsExactly(StoreResult.STORED);
    assertThat(tags(old)).isEqualTo(2);
    assertThat(write(newer)).containsExactly(StoreResult.STORED);
    assertThat(events(old)).isZero();
    assertThat(tags(old)).isZero();
    assertThat(tags(newer)).isEqualTo(2);
  }

  @Test
  void deletionRequestsTakeTheTagsOfWhatTheyDelete() {
    String d = UUID.randomUUID().toString();
    Event byId = event(ALICE, 1, "by id", "t", d);
    Event byAddress = event(ALICE, 30001, "by address", "d", d, "t", d);
    Event kept = event(BOB, 1, "not alice's", "t", d);
    write(byId, kept);
    write(byAddress);
    assertThat(tags(byId) + tags(byAddress) + tags(kept)).isEqualTo(4);
    Event deletion =
        event(ALICE, 5, "", "e", byId.id(), "e", kept.id(), "a", "30001:" + hex(ALICE) + ":" + d);
    assertThat(write(deletion)).containsExactly(StoreResult.STORED);
    assertThat(events(byId) + events(byAddress)).isZero();
    assertThat(tags(byId) + tags(byAddress)).isZero();
    assertThat(events(kept)).isEqualTo(1);
    assertThat(tags(kept)).isEqualTo(1);

    Event fresh = event(ALICE, 1, "fresh", "t", d);
    List<StoreResult> again = write(byId, fresh, byId); // a plain batch: one statement
    assertThat(again.get(0)).isInstanceOf(StoreResult.Blocked.class);
    assertThat(again.get(1)).isEqualTo(StoreResult.STORED);
    assertThat(again.get(2)).isInstanceOf(StoreResult.Duplicate.class);
    assertThat(events(byId)).isZero();
    assertThat(tags(byId)).isZero();
    assertThat(tags(fresh)).isEqualTo(1);
  }

  @Test
  void purgedEventsTakeTheirTagsWithThem() {
    long now = Instant.now().getEpochSecond();
    String t = UUID.randomUUID().toString();
    Event expired = event(ALICE, 1, "expired", "t", t, "expiration", Long.toString(now - 10));
    Event later = event(ALICE, 1, "later", "t", t, "expiration", Long.toString(now + 3600));
    write(expired, later);
    assertThat(tags(expired)).isEqualTo(1);
    assertThat(queries.purgeExpired(now).await().atMost(Duration.ofSeconds(30))).isPositive();
    assertThat(events(expired)).isZero();
    assertThat(tags(expired)).isZero();
    assertThat(tags(later)).isEqualTo(1);
  }
}
