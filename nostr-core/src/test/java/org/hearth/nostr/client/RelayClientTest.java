package org.hearth.nostr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;
import org.junit.jupiter.api.Test;

/** Publish, subscribe, query, COUNT and frame handling against {@link TestRelay}. */
class RelayClientTest extends RelayClientTestBase {

  @Test
  void publishCompletesWithTheRelaysOk() {
    connected(builder());
    Event e = note("hello");
    RelayMessage.Ok ok = client.publishAndWait(e);
    assertThat(ok.accepted()).isTrue();
    assertThat(ok.eventId()).isEqualTo(e.id());
    assertThat(relay.stored).containsExactly(e);
  }

  @Test
  void aRejectedOkIsAValueWithItsPrefix() {
    relay.rejectEventsWith = "blocked: not on the list";
    connected(builder());
    RelayMessage.Ok ok = client.publishAndWait(note("spam"));
    assertThat(ok.accepted()).isFalse();
    assertThat(ok.prefix()).contains(Prefix.BLOCKED);
    assertThat(ok.message()).isEqualTo("blocked: not on the list");
  }

  @Test
  void storedEventsThenEoseThenLiveEvents() throws Exception {
    relay.inject(note("old 1"));
    relay.inject(note("old 2"));
    relay.inject(author.sign(EventTemplate.of(7, List.of(), "other kind")));
    connected(builder());
    Recorder rec = new Recorder();
    Subscription sub = client.subscribe("feed", List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("event:old 1");
    assertThat(rec.next()).isEqualTo("event:old 2");
    assertThat(rec.next()).isEqualTo("eose");
    sub.eose().get(10, TimeUnit.SECONDS);
    client.publishAndWait(note("live"));
    assertThat(rec.next()).isEqualTo("event:live");
    sub.close();
    assertThat(sub.isOpen()).isFalse();
    client.publishAndWait(note("after close"));
    client.queryAndWait(List.of(kinds(1)), Duration.ofSeconds(5)); // a round trip later
    assertThat(rec.drained()).isEmpty();
    assertThat(relay.received).contains(new ClientMessage.Close("feed"));
  }

  @Test
  void subscribingRightAfterConnectNeedsNoWait() throws Exception {
    relay.inject(note("stored"));
    client = builder().build();
    client.connect();
    Recorder rec = new Recorder();
    client.subscribe("early", List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("event:stored");
    assertThat(rec.next()).isEqualTo("eose");
  }

  @Test
  void queryCollectsStoredEventsUntilEose() {
    relay.inject(note("a"));
    relay.inject(note("b"));
    connected(builder());
    List<Event> events = client.queryAndWait(List.of(kinds(1)), Duration.ofSeconds(5));
    assertThat(events).extracting(Event::content).containsExactly("a", "b");
  }

  @Test
  void countAnswersNip45() {
    relay.inject(note("a"));
    relay.inject(note("b"));
    connected(builder());
    assertThat(client.countAndWait(List.of(kinds(1)))).isEqualTo(2);
    assertThat(client.countAndWait(List.of(kinds(7)))).isZero();
  }

  @Test
  void eventsWithInvalidSignaturesAreDroppedAndReported() throws Exception {
    connected(builder());
    Recorder rec = new Recorder();
    client.subscribe("s", List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("eose");
    Event good = note("good");
    Event forged =
        new Event(good.id(), good.pubkey(), good.createdAt(), 1, good.tags(), "forged", good.sig());
    relay.deliverToAll(forged);
    relay.deliverToAll(good);
    relay.deliverToAll(good);
    assertThat(rec.next()).isEqualTo("event:good");
    RelayIssue.InvalidEvent bad = awaitIssue(RelayIssue.InvalidEvent.class);
    assertThat(bad.subscriptionId()).isEqualTo("s");
    assertThat(bad.reason()).contains("id does not match");
    client.queryAndWait(List.of(kinds(1)), Duration.ofSeconds(5)); // a round trip later
    assertThat(rec.drained()).isEmpty();
  }

  @Test
  void fragmentedFramesAreReassembled() throws Exception {
    relay.fragmentSize = 7;
    relay.inject(note("a somewhat longer note, split into many websocket frames"));
    connected(builder());
    List<Event> events = client.queryAndWait(List.of(kinds(1)), Duration.ofSeconds(5));
    assertThat(events).extracting(Event::content).containsExactly(relay.stored.get(0).content());
    assertThat(events.get(0).verify()).isTrue();
  }

  @Test
  void badFramesAreReportedAndTheConnectionCarriesOn() throws Exception {
    connected(builder().maxFrameSize(1000));
    relay.sendRaw("not json");
    assertThat(awaitIssue(RelayIssue.InvalidFrame.class).frame()).isEqualTo("not json");
    relay.sendRaw("[\"NOTICE\",\"" + "x".repeat(2000) + "\"]");
    assertThat(awaitIssue(RelayIssue.OversizedFrame.class).limit()).isEqualTo(1000);
    relay.sendRaw("[\"OK\",\"" + "ab".repeat(32) + "\",true,\"\"]");
    assertThat(awaitIssue(RelayIssue.Unexpected.class).what()).contains("OK for unknown event");
    relay.sendRaw("[\"NOTICE\",\"hello\"]");
    assertThat(awaitIssue(RelayIssue.Notice.class).message()).isEqualTo("hello");
    assertThat(client.publishAndWait(note("still fine")).accepted()).isTrue();
    assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(relay.connectionsOpened).hasValue(1);
  }

  @Test
  void misuseIsRejectedClearly() {
    client = builder().build();
    assertThatThrownBy(() -> client.publish(note("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connect()");
    client.connectAndWait();
    client.subscribe("dup", List.of(kinds(1)), new Recorder());
    assertThatThrownBy(() -> client.subscribe("dup", List.of(kinds(1)), new Recorder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already in use");
    assertThatThrownBy(() -> client.subscribe("x".repeat(65), List.of(kinds(1)), new Recorder()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.subscribe(List.of(), new Recorder()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelayClient.builder(relay.uri()).eagerAuth(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signer");
    assertThatThrownBy(() -> RelayClient.builder(relay.uri()).okTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("okTimeout");
    assertThatThrownBy(() -> RelayClient.builder(URI.create("http://relay.example")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ws://");
  }

  @Test
  void callbacksRunOnCallbackThreadsAndAThrowingListenerIsReported() throws Exception {
    relay.inject(note("boom"));
    relay.inject(note("after boom"));
    connected(builder());
    BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    Recorder rec = new Recorder();
    client.subscribe(
        List.of(kinds(1)),
        event -> {
          threads.add(Thread.currentThread().getName());
          if (event.content().equals("boom")) {
            throw new IllegalStateException("listener bug");
          }
          rec.onEvent(event);
        });
    assertThat(rec.next()).isEqualTo("event:after boom");
    RelayIssue.CallbackFailed failed = awaitIssue(RelayIssue.CallbackFailed.class);
    assertThat(failed.error()).hasMessage("listener bug");
    assertThat(threads).hasSize(2).allMatch(n -> n.contains("-callback-"));
  }

  @Test
  void concurrentPublishersAllGetTheirOk() throws Exception {
    connected(builder());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<RelayMessage.Ok>> oks = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        Event e = note("concurrent " + i);
        oks.add(pool.submit(() -> client.publishAndWait(e)));
      }
      for (Future<RelayMessage.Ok> ok : oks) {
        assertThat(ok.get(30, TimeUnit.SECONDS).accepted()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(relay.stored).hasSize(400);
  }

  @Test
  void publishingTheSameEventTwiceWaitsForOneOk() throws Exception {
    relay.silent = true;
    connected(builder());
    Event e = note("once");
    CompletableFuture<RelayMessage.Ok> first = client.publish(e);
    CompletableFuture<RelayMessage.Ok> second = client.publish(e);
    eventually(() -> received(ClientMessage.Publish.class) == 1, "EVENT sent");
    relay.sendRaw("[\"OK\",\"" + e.id() + "\",true,\"\"]");
    assertThat(first.get(10, TimeUnit.SECONDS).accepted()).isTrue();
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(first.get());
    assertThat(received(ClientMessage.Publish.class)).isEqualTo(1);
  }
}
