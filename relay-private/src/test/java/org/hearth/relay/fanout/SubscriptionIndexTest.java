package org.hearth.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.BOB;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.junit.jupiter.api.Test;

/** The live index: which subscriptions an event reaches, and the frames they get. */
class SubscriptionIndexTest {
  /** Records the frames it would write (the access check is RelaySession's, tested elsewhere). */
  static final class Recorder implements Subscriber {
    final String relay;
    final List<String> frames = new ArrayList<>();

    Recorder(String relay) {
      this.relay = relay;
    }

    @Override
    public String relay() {
      return relay;
    }

    @Override
    public void deliverLive(
        LiveSubscription subscription, OutgoingEvent event, DeliveryBatch batch) {
      frames.add(subscription.frame(event.json()));
    }
  }

  static Filter filter(Set<Integer> kinds, Set<String> authors, Map<String, Set<String>> tags) {
    return new Filter(null, authors, kinds, tags, null, null, null, null);
  }

  static LiveSubscription live(SubscriptionIndex index, Recorder r, String id, Filter... filters) {
    LiveSubscription s = new LiveSubscription(r, id, List.of(filters));
    index.add(s);
    s.goLive();
    return s;
  }

  static String expected(String subId, Event e) {
    return MessageCodec.encode(new RelayMessage.Delivery(subId, e));
  }

  @Test
  void splicedFrameEqualsTheEncodedDeliveryEvenForIdsThatNeedEscaping() {
    SubscriptionIndex index = new SubscriptionIndex();
    Recorder r = new Recorder("family");
    String awkward = "q\"uo\\te\n\u0001é😀</script>";
    live(index, r, awkward, filter(Set.of(1), null, null));
    Event e = event(ALICE, 1, "content with \"quotes\", \\ and \u0002 and ünïcödé");
    index.dispatch("family", e);
    assertThat(r.frames).containsExactly(expected(awkward, e));
    assertThat(MessageCodec.decodeRelay(r.frames.get(0)))
        .isEqualTo(new RelayMessage.Delivery(awkward, e));
  }

  @Test
  void tagAndKindFilterIsIndexedByTagAndStillChecksTheKind() {
    SubscriptionIndex index = new SubscriptionIndex();
    Recorder r = new Recorder("family");
    LiveSubscription s = live(index, r, "s", filter(Set.of(1), null, Map.of("t", Set.of("x"))));
    assertThat(SubscriptionIndex.keys(s)).containsExactly("family\u0000tt\u0000x");
    Event wanted = event(ALICE, 1, "a", "t", "x");
    index.dispatch("family", wanted);
    index.dispatch("family", event(ALICE, 7, "wrong kind", "t", "x"));
    index.dispatch("family", event(ALICE, 1, "wrong tag", "t", "y"));
    index.dispatch("family", event(ALICE, 1, "no tag"));
    index.dispatch("work", event(ALICE, 1, "other relay", "t", "x"));
    assertThat(r.frames).containsExactly(expected("s", wanted));
  }

  @Test
  void aSubscriptionReachedThroughSeveralKeysGetsTheEventOnce() {
    SubscriptionIndex index = new SubscriptionIndex();
    Recorder r = new Recorder("family");
    live(
        index,
        r,
        "s",
        filter(null, Set.of(hex(ALICE)), null),
        filter(Set.of(1), null, null),
        filter(null, null, Map.of("p", Set.of(hex(BOB)))));
    Event e = event(ALICE, 1, "hello", "p", hex(BOB));
    index.dispatch("family", e);
    assertThat(r.frames).containsExactly(expected("s", e));
  }

  @Test
  void everySubscriberOfAKeyGetsItsOwnFrameAndRemovedOnesNone() {
    SubscriptionIndex index = new SubscriptionIndex();
    Recorder a = new Recorder("family");
    Recorder b = new Recorder("family");
    live(index, a, "a", filter(Set.of(1), null, null));
    LiveSubscription gone = live(index, b, "b", filter(Set.of(1), null, null));
    Event first = event(ALICE, 1, "first");
    index.dispatch("family", first);
    index.remove(gone);
    Event second = event(ALICE, 1, "second");
    index.dispatch("family", second);
    assertThat(a.frames).containsExactly(expected("a", first), expected("a", second));
    assertThat(b.frames).containsExactly(expected("b", first));
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void beforeEoseMatchingEventsAreBufferedNotDelivered() {
    SubscriptionIndex index = new SubscriptionIndex();
    Recorder r = new Recorder("family");
    LiveSubscription s = new LiveSubscription(r, "s", List.of(Filter.all()));
    index.add(s);
    Event e = event(ALICE, 1, "during the query");
    index.dispatch("family", e);
    assertThat(r.frames).isEmpty();
    assertThat(s.goLive()).containsExactly(e);
  }
}
