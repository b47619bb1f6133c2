package org.hearth.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.event;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

/** Group commit under concurrency, live fan-out, slow readers. */
@QuarkusTest
class FanoutTest {
  @TestHTTPResource("/")
  URI root;

  TestSocket as(org.hearth.nostr.crypto.LocalSigner who) {
    TestSocket s = TestSocket.open(root.getPort(), "family");
    s.auth(who);
    return s;
  }

  static Filter byTag(String t) {
    return new Filter(null, null, null, Map.of("t", Set.of(t)), null, null, null, null);
  }

  @Test
  void manyEventsInFlightOnSeveralConnectionsAreAllCommittedBeforeTheirOk() {
    String t = UUID.randomUUID().toString();
    int perConnection = 150;
    List<TestSocket> sockets = new ArrayList<>();
    List<List<Event>> batches = new ArrayList<>();
    try {
      for (int c = 0; c < 4; c++) {
        sockets.add(as(ALICE));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < perConnection; i++) {
          events.add(event(ALICE, 1, "load " + c + "/" + i, "t", t));
        }
        batches.add(events);
      }
      long t0 = System.nanoTime();
      for (int c = 0; c < 4; c++) {
        for (Event e : batches.get(c)) {
          sockets.get(c).send(new ClientMessage.Publish(e));
        }
      }
      Set<String> acked = new HashSet<>();
      for (int c = 0; c < 4; c++) {
        for (int i = 0; i < perConnection; i++) {
          RelayMessage.Ok ok = sockets.get(c).next(RelayMessage.Ok.class);
          assertThat(ok.accepted()).as(ok.message()).isTrue();
          acked.add(ok.eventId());
        }
      }
      long micros = (System.nanoTime() - t0) / 1000;
      System.out.printf(
          "group commit: %d events acknowledged in %d ms (%.0f events/s, test JVM)%n",
          acked.size(), micros / 1000, acked.size() * 1e6 / micros);
      assertThat(acked).hasSize(4 * perConnection);
      TestSocket s = sockets.get(0);
      s.send(new ClientMessage.Count("n", List.of(byTag(t))));
      assertThat(s.next(RelayMessage.CountResult.class).count()).isEqualTo(4L * perConnection);
    } finally {
      sockets.forEach(TestSocket::close);
    }
  }

  @Test
  void aSlowReaderIsDroppedWithANoticeWhileOthersGetEverything() {
    String t = UUID.randomUUID().toString();
    String big = "x".repeat(40_000);
    int count = 600;
    try (TestSocket slow = as(BOB);
        TestSocket fast = as(OWNER);
        TestSocket publisher = as(ALICE)) {
      assertThat(slow.req("s", byTag(t))).isEmpty();
      assertThat(fast.req("f", byTag(t))).isEmpty();
      slow.pause();
      // In steps well below the outbound queue (50 in tests), so that the fast reader never has
      // more frames queued than one step however fast the relay writes; the paused one piles up.
      int step = 10;
      for (int sent = 0; sent < count; sent += step) {
        for (int i = sent; i < sent + step; i++) {
          publisher.send(new ClientMessage.Publish(event(ALICE, 20001, i + big, "t", t)));
        }
        for (int i = 0; i < step; i++) {
          assertThat(publisher.next(RelayMessage.Ok.class).accepted()).isTrue();
        }
        for (int i = 0; i < step; i++) {
          fast.next(RelayMessage.Delivery.class);
        }
      }
      slow.resume();
      RelayMessage m;
      int frames = 0;
      while ((m = slow.next()) instanceof RelayMessage.Delivery) {
        frames++;
      }
      assertThat(frames).isLessThan(count);
      assertThat(m).isInstanceOf(RelayMessage.Notice.class);
      assertThat(((RelayMessage.Notice) m).message()).contains("too slowly");
    }
  }
}
