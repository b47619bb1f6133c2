package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.eventAt;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

/** NIP-09 deletion, NIP-40 expiration, NIP-45 COUNT, NIP-50 search. */
@QuarkusTest
class NipFeaturesTest {
  @TestHTTPResource("/")
  URI root;

  @Inject EventQueries queries;

  @Inject Pool pool;

  TestSocket as(org.hearth.nostr.crypto.LocalSigner who) {
    TestSocket s = TestSocket.open(root.getPort(), "family");
    s.auth(who);
    return s;
  }

  static Filter byTag(String t) {
    return new Filter(null, null, null, Map.of("t", Set.of(t)), null, null, null, null);
  }

  @Test
  void deletionByEventIdRemovesOnlyTheAuthorsEventForGood() {
    String t = UUID.randomUUID().toString();
    try (TestSocket alice = as(ALICE);
        TestSocket bob = as(BOB)) {
      Event mine = event(ALICE, 1, "mine", "t", t);
      Event bobs = event(BOB, 1, "bob's", "t", t);
      alice.publish(mine);
      bob.publish(bobs);
      Event delete = event(ALICE, 5, "", "e", mine.id(), "e", bobs.id());
      assertThat(alice.publish(delete).accepted()).isTrue();
      assertThat(alice.req("r", byTag(t))).extracting(Event::id).containsExactly(bobs.id());
      alice.send(new ClientMessage.Close("r"));
      RelayMessage.Ok again = alice.publish(mine);
      assertThat(again.accepted()).isFalse();
      assertThat(again.message()).startsWith("blocked:");
      assertThat(alice.req("r2", byTag(t))).extracting(Event::id).containsExactly(bobs.id());
    }
  }

  @Test
  void deletionByAddressRemovesVersionsUpToTheRequest() {
    String d = UUID.randomUUID().toString();
    long now = Instant.now().getEpochSecond();
    try (TestSocket alice = as(ALICE)) {
      alice.publish(eventAt(ALICE, 30023, now - 20, "article", "d", d));
      String address = "30023:" + hex(ALICE) + ":" + d;
      assertThat(alice.publish(eventAt(ALICE, 5, now - 10, "", "a", address)).accepted()).isTrue();
      Filter byD =
          new Filter(null, null, Set.of(30023), Map.of("d", Set.of(d)), null, null, null, null);
      assertThat(alice.req("r", byD)).isEmpty();
      alice.send(new ClientMessage.Close("r"));
      assertThat(alice.publish(eventAt(ALICE, 30023, now - 15, "old", "d", d)).message())
          .startsWith("blocked:");
      assertThat(alice.publish(eventAt(ALICE, 30023, now, "newer", "d", d)).accepted()).isTrue();
      assertThat(alice.req("r2", byD)).extracting(Event::content).containsExactly("newer");
    }
  }

  @Test
  void expiredEventsAreRefusedNeverServedAndPurged() throws Exception {
    String t = UUID.randomUUID().toString();
    long now = Instant.now().getEpochSecond();
    try (TestSocket alice = as(ALICE)) {
      RelayMessage.Ok old =
          alice.publish(event(ALICE, 1, "gone", "t", t, "expiration", Long.toString(now - 5)));
      assertThat(old.message()).startsWith("invalid:");
      Event soon = event(ALICE, 1, "soon gone", "t", t, "expiration", Long.toString(now + 2));
      assertThat(alice.publish(soon).accepted()).isTrue();
      assertThat(alice.req("r", byTag(t))).extracting(Event::id).containsExactly(soon.id());
      alice.send(new ClientMessage.Close("r"));
      Thread.sleep(3100);
      assertThat(alice.req("r2", byTag(t))).isEmpty();
      queries.purgeExpired(now + 3).await().indefinitely();
      long rows =
          pool.preparedQuery("SELECT count(*) FROM event WHERE id = $1")
              .execute(Tuple.of(soon.id()))
              .await()
              .indefinitely()
              .iterator()
              .next()
              .getLong(0);
      assertThat(rows).as("purged (by this call or the scheduled purge)").isZero();
    }
  }

  @Test
  void countCountsWhatTheReaderMaySee() {
    String t = UUID.randomUUID().toString();
    try (TestSocket alice = as(ALICE)) {
      for (int i = 0; i < 3; i++) {
        alice.publish(event(ALICE, 1, "c" + i, "t", t));
      }
      alice.send(new ClientMessage.Count("n", List.of(byTag(t))));
      RelayMessage.CountResult c = alice.next(RelayMessage.CountResult.class);
      assertThat(c.subscriptionId()).isEqualTo("n");
      assertThat(c.count()).isEqualTo(3);
    }
  }

  @Test
  void searchUsesFullText() {
    String word = "zebra" + UUID.randomUUID().toString().replace("-", "");
    try (TestSocket alice = as(ALICE)) {
      Event hit = event(ALICE, 1, "the " + word + " crossed the road");
      alice.publish(hit);
      alice.publish(event(ALICE, 1, "nothing to see"));
      Filter f = new Filter(null, null, null, null, null, null, null, Optional.of(word));
      assertThat(alice.req("s", f)).extracting(Event::id).containsExactly(hit.id());
    }
  }
}
