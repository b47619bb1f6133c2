package org.hearth.relay.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.eventAt;
import static org.hearth.relay.support.TestKeys.hex;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.Test;

@QuarkusTest
class Nip01Test {
  @TestHTTPResource("/")
  URI root;

  TestSocket member(String relay) {
    TestSocket s = TestSocket.open(root.getPort(), relay);
    assertThat(s.auth(ALICE).accepted()).isTrue();
    return s;
  }

  static Filter byTag(String t) {
    return new Filter(null, null, null, Map.of("t", Set.of(t)), null, null, null, null);
  }

  static Filter byTag(String t, int limit) {
    return new Filter(
        null, null, null, Map.of("t", Set.of(t)), null, null, OptionalInt.of(limit), null);
  }

  @Test
  void publishesAcknowledgesAndAnswersDuplicates() {
    try (TestSocket s = member("family")) {
      Event e = event(ALICE, 1, "hello", "t", UUID.randomUUID().toString());
      RelayMessage.Ok ok = s.publish(e);
      assertThat(ok.accepted()).isTrue();
      assertThat(ok.message()).isEmpty();
      RelayMessage.Ok dup = s.publish(e);
      assertThat(dup.accepted()).isTrue();
      assertThat(dup.message()).startsWith("duplicate:");
    }
  }

  @Test
  void rejectsBadSignatureAndBadId() {
    try (TestSocket s = member("family")) {
      Event good = event(ALICE, 1, "x");
      Event badSig =
          new Event(
              good.id(),
              good.pubkey(),
              good.createdAt(),
              good.kind(),
              good.tags(),
              good.content(),
              "0".repeat(128));
      assertThat(s.publish(badSig).message()).startsWith("invalid:");
      Event badId =
          new Event(
              "ab".repeat(32),
              good.pubkey(),
              good.createdAt(),
              good.kind(),
              good.tags(),
              good.content(),
              good.sig());
      RelayMessage.Ok ok = s.publish(badId);
      assertThat(ok.accepted()).isFalse();
      assertThat(ok.message()).startsWith("invalid:");
      assertThat(ok.eventId()).isEqualTo(badId.id());
    }
  }

  @Test
  void reqReturnsNewestFirstWithLimitThenEoseThenLive() {
    String t = UUID.randomUUID().toString();
    long now = Instant.now().getEpochSecond();
    try (TestSocket s = member("family")) {
      for (int i = 0; i < 5; i++) {
        assertThat(s.publish(eventAt(ALICE, 1, now - 100 + i, "n" + i, "t", t)).accepted())
            .isTrue();
      }
      List<Event> got = s.req("sub1", byTag(t, 3));
      assertThat(got).extracting(Event::content).containsExactly("n4", "n3", "n2");
      Event live = event(ALICE, 1, "live", "t", t);
      try (TestSocket other = member("family")) {
        assertThat(other.publish(live).accepted()).isTrue();
      }
      RelayMessage.Delivery d = s.next(RelayMessage.Delivery.class);
      assertThat(d.subscriptionId()).isEqualTo("sub1");
      assertThat(d.event().id()).isEqualTo(live.id());
    }
  }

  @Test
  void severalFiltersAreMergedWithoutDuplicates() {
    String t = UUID.randomUUID().toString();
    try (TestSocket s = member("family")) {
      Event a = event(ALICE, 1, "a", "t", t);
      Event b = event(ALICE, 7, "+", "t", t);
      s.publish(a);
      s.publish(b);
      Filter kind1 =
          new Filter(null, null, Set.of(1), Map.of("t", Set.of(t)), null, null, null, null);
      List<Event> got = s.req("m", kind1, byTag(t));
      assertThat(got).extracting(Event::id).containsExactlyInAnyOrder(a.id(), b.id());
    }
  }

  @Test
  void overlappingFiltersEachKeepTheirLimitAndMergeNewestFirstOnce() {
    String t = UUID.randomUUID().toString();
    long now = Instant.now().getEpochSecond();
    try (TestSocket s = member("family")) {
      Event x1 = eventAt(ALICE, 1, now - 40, "x1", "t", t);
      Event y1 = eventAt(ALICE, 7, now - 30, "+", "t", t);
      Event x2 = eventAt(ALICE, 1, now - 20, "x2", "t", t);
      Event y2 = eventAt(ALICE, 7, now - 10, "+", "t", t);
      Event x3 = eventAt(ALICE, 1, now - 5, "x3", "t", t);
      for (Event e : List.of(x1, y1, x2, y2, x3)) {
        assertThat(s.publish(e).accepted()).isTrue();
      }
      Filter newestKind1 =
          new Filter(
              null, null, Set.of(1), Map.of("t", Set.of(t)), null, null, OptionalInt.of(2), null);
      Filter ids = new Filter(Set.of(x1.id(), x3.id()), null, null, null, null, null, null, null);
      // kind 1 limit 2: x3, x2; the tag limit 3: x3, y2, x2; the ids: x3, x1 (y1 matches none)
      List<Event> got = s.req("m", newestKind1, byTag(t, 3), ids);
      assertThat(got).extracting(Event::id).containsExactly(x3.id(), y2.id(), x2.id(), x1.id());
    }
  }

  @Test
  void aReqSentRightBehindEventsSeesThemStored() {
    String t = UUID.randomUUID().toString();
    try (TestSocket s = member("family")) {
      List<Event> sent = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Event e = event(ALICE, 1, "burst " + i, "t", t);
        sent.add(e);
        s.send(new ClientMessage.Publish(e)); // no wait for the OK: the REQ follows at once
      }
      s.send(new ClientMessage.Req("mine", List.of(byTag(t))));
      List<String> stored = new java.util.ArrayList<>();
      int oks = 0;
      boolean eose = false;
      while (!eose || oks < sent.size()) {
        RelayMessage m = s.next();
        if (m instanceof RelayMessage.Ok ok) {
          assertThat(ok.accepted()).isTrue();
          oks++;
        } else if (m instanceof RelayMessage.Delivery d && !eose) {
          assertThat(d.subscriptionId()).isEqualTo("mine");
          stored.add(d.event().id());
        } else if (m instanceof RelayMessage.Eose e && !eose) {
          eose = true;
        } else {
          throw new AssertionError("unexpected " + m);
        }
      }
      assertThat(stored).containsExactlyInAnyOrderElementsOf(sent.stream().map(Event::id).toList());
    }
  }

  @Test
  void closeStopsLiveDelivery() throws Exception {
    String t = UUID.randomUUID().toString();
    try (TestSocket s = member("family")) {
      s.req("c1", byTag(t));
      s.send(new ClientMessage.Close("c1"));
      Event e = event(ALICE, 1, "after close", "t", t);
      assertThat(s.publish(e).accepted()).isTrue();
      assertThat(s.poll(300)).isNull();
    }
  }

  @Test
  void replaceableNewestWinsAndEqualTimestampsKeepLowestId() {
    long now = Instant.now().getEpochSecond();
    try (TestSocket s = member("personal")) {
      int kind = 10000 + (int) (Math.random() * 9000);
      Event older = eventAt(ALICE, kind, now - 50, "older");
      Event newer = eventAt(ALICE, kind, now - 10, "newer");
      assertThat(s.publish(older).accepted()).isTrue();
      assertThat(s.publish(newer).accepted()).isTrue();
      RelayMessage.Ok late = s.publish(eventAt(ALICE, kind, now - 30, "late older"));
      assertThat(late.message()).startsWith("duplicate:");
      Filter f = new Filter(null, Set.of(hex(ALICE)), Set.of(kind), null, null, null, null, null);
      assertThat(s.req("r", f)).extracting(Event::content).containsExactly("newer");
      s.send(new ClientMessage.Close("r"));

      Event x = eventAt(ALICE, kind, now, "x");
      Event y = eventAt(ALICE, kind, now, "y");
      Event low = x.id().compareTo(y.id()) < 0 ? x : y;
      Event high = low == x ? y : x;
      s.publish(high);
      s.publish(low);
      assertThat(s.req("r2", f)).extracting(Event::id).containsExactly(low.id());
      s.send(new ClientMessage.Close("r2"));
      assertThat(s.publish(high).message()).startsWith("duplicate:");
    }
  }

  @Test
  void addressableEventsAreReplacedPerDTag() {
    long now = Instant.now().getEpochSecond();
    try (TestSocket s = member("personal")) {
      int kind = 30000 + (int) (Math.random() * 9000);
      s.publish(eventAt(ALICE, kind, now - 20, "a1", "d", "a"));
      s.publish(eventAt(ALICE, kind, now - 20, "b1", "d", "b"));
      s.publish(eventAt(ALICE, kind, now - 10, "a2", "d", "a"));
      Filter f = new Filter(null, Set.of(hex(ALICE)), Set.of(kind), null, null, null, null, null);
      assertThat(s.req("r", f)).extracting(Event::content).containsExactly("a2", "b1");
    }
  }

  @Test
  void ephemeralEventsAreDeliveredButNeverStored() {
    String t = UUID.randomUUID().toString();
    try (TestSocket s = member("family");
        TestSocket other = TestSocket.open(root.getPort(), "family")) {
      other.auth(BOB);
      assertThat(other.req("live", byTag(t))).isEmpty();
      Event e = event(ALICE, 20001, "ping", "t", t);
      assertThat(s.publish(e).accepted()).isTrue();
      assertThat(other.next(RelayMessage.Delivery.class).event().id()).isEqualTo(e.id());
      assertThat(s.req("stored", byTag(t))).isEmpty();
    }
  }

  @Test
  void eventsWithNulCharactersAreStoredAndServedIntact() {
    try (TestSocket s = member("family")) {
      Event e =
          event(ALICE, 1, "nul\u0000inside", "t", "x\u0000y", "r", UUID.randomUUID().toString());
      assertThat(s.publish(e).accepted()).isTrue();
      Filter byId = new Filter(Set.of(e.id()), null, null, null, null, null, null, null);
      List<Event> got = s.req("nul", byId);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).content()).isEqualTo("nul\u0000inside");
      assertThat(got.get(0).verify()).isTrue();
    }
  }

  @Test
  void storedAndLiveEventsArriveAsTheExactFrameTheCodecWrites() {
    String t = UUID.randomUUID().toString();
    String subId = "q\"uo\\te\u0001é";
    Event stored = event(ALICE, 1, "stored \"x\" \\ \u0002 ünï 😀 \u0000", "t", t);
    try (TestSocket s = member("family")) {
      assertThat(s.publish(stored).accepted()).isTrue();
      s.send(new ClientMessage.Req(subId, List.of(byTag(t))));
      assertThat(s.nextRaw())
          .isEqualTo(MessageCodec.encode(new RelayMessage.Delivery(subId, stored)));
      assertThat(s.next()).isEqualTo(new RelayMessage.Eose(subId));
      Event live = event(ALICE, 1, "live \"y\" \u0003", "t", t);
      s.send(new ClientMessage.Publish(live));
      List<String> frames = List.of(s.nextRaw(), s.nextRaw());
      assertThat(frames).contains(MessageCodec.encode(new RelayMessage.Delivery(subId, live)));
    }
  }
}
