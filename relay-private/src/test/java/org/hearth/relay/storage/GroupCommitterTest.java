package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.eventAt;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.event.Event;
import org.hearth.relay.support.TestSql;
import org.junit.jupiter.api.Test;

/** Pipelined group commit: order of results, and order-dependent kinds kept correct. */
@QuarkusTest
class GroupCommitterTest {
  @Inject GroupCommitter committer;

  @Inject Pool pool;

  private long rows(String sql, Object... args) {
    return TestSql.count(pool, sql, args);
  }

  @Test
  void resultsArriveInSubmissionOrderAndOrderedKindsStayCorrectUnderLoad() throws Exception {
    String t = UUID.randomUUID().toString();
    String d = UUID.randomUUID().toString();
    long now = System.currentTimeMillis() / 1000;
    List<Event> events = new ArrayList<>();
    Event doomed = event(ALICE, 1, "to be deleted", "t", t);
    Event duplicate = event(BOB, 1, "sent twice", "t", t);
    for (int i = 0; i < 600; i++) {
      events.add(event(i % 2 == 0 ? ALICE : BOB, 1, "plain " + i, "t", t));
      if (i == 10) {
        events.add(doomed);
        events.add(duplicate);
      }
      if (i % 100 == 50) { // addressable versions; the newest (i = 250) is not the last sent
        long at = now - 600 + (i == 250 ? 590 : i);
        events.add(eventAt(ALICE, 30001, at, "v" + i, "d", d, "t", t));
      }
      if (i == 300) {
        events.add(event(ALICE, 5, "", "e", doomed.id()));
        events.add(duplicate);
      }
      if (i == 400) {
        events.add(doomed); // after its deletion: blocked
      }
    }
    List<Integer> completionOrder = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<StoreResult>> results = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      int n = i;
      results.add(
          committer.submit("family", events.get(i)).whenComplete((r, e) -> completionOrder.add(n)));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

    List<Integer> expectedOrder = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      expectedOrder.add(i);
    }
    assertThat(completionOrder).isEqualTo(expectedOrder);
    assertThat(committer.peakInFlight()).isBetween(1, 2);

    int firstDuplicate = events.indexOf(duplicate);
    int secondDuplicate = events.lastIndexOf(duplicate);
    assertThat(results.get(firstDuplicate).get()).isEqualTo(StoreResult.STORED);
    assertThat(results.get(secondDuplicate).get()).isInstanceOf(StoreResult.Duplicate.class);
    assertThat(results.get(events.lastIndexOf(doomed)).get())
        .isInstanceOf(StoreResult.Blocked.class);
    long plainStored =
        rows(
            "SELECT count(*) FROM event e JOIN event_tag g ON g.relay = e.relay AND g.event_id = e.id"
                + " WHERE e.relay = 'family' AND g.name = 't' AND g.value = $1 AND e.kind = 1",
            t);
    assertThat(plainStored).isEqualTo(601); // 600 plain + the duplicate once; doomed is gone
    assertThat(
            rows(
                "SELECT count(*) FROM event WHERE relay = 'family' AND kind = 30001"
                    + " AND replace_key = $1",
                d))
        .isEqualTo(1);
    assertThat(
            rows(
                "SELECT count(*) FROM event WHERE relay = 'family' AND kind = 30001"
                    + " AND replace_key = $1 AND created_at = $2",
                d,
                now - 10))
        .isEqualTo(1);
  }
}
