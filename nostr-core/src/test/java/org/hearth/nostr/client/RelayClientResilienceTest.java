package org.hearth.nostr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.junit.jupiter.api.Test;

/** Reconnects, timeouts, bounded queues and a clean close. */
class RelayClientResilienceTest extends RelayClientTestBase {

  @Test
  void reconnectsAfterTheRelayDropsAndResubscribes() throws Exception {
    relay.inject(note("before"));
    connected(builder());
    Recorder rec = new Recorder();
    client.subscribe(List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("event:before");
    assertThat(rec.next()).isEqualTo("eose");
    awaitState(ConnectionState.CONNECTED);

    relay.dropConnections();
    awaitState(ConnectionState.BACKING_OFF);
    awaitState(ConnectionState.CONNECTED);
    assertThat(relay.connectionsOpened).hasValue(2);

    // the relay got the REQ again; the stored event is not delivered twice, EOSE not repeated
    relay.inject(note("after"));
    assertThat(rec.next()).isEqualTo("event:after");
    assertThat(client.publishAndWait(note("published after")).accepted()).isTrue();
    assertThat(rec.next()).isEqualTo("event:published after");
    assertThat(rec.drained()).isEmpty();
    assertThat(awaitIssue(RelayIssue.ConnectionLost.class).reason()).contains("1001");
  }

  @Test
  void connectFailsTypedThenKeepsTryingUntilTheRelayIsUp() throws Exception {
    int port = relay.port();
    relay.close();
    client =
        RelayClient.builder(URI.create("ws://127.0.0.1:" + port + "/"))
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .stateListener((from, to) -> states.add(to))
            .issueListener(issues::add)
            .build();
    Throwable t = failureOf(client.connect());
    assertThat(t).isInstanceOf(RelayConnectException.class);
    awaitState(ConnectionState.BACKING_OFF);

    relay = TestRelay.startOn(port);
    awaitState(ConnectionState.CONNECTED);
    assertThat(client.publishAndWait(note("finally")).accepted()).isTrue();
  }

  @Test
  void aSilentRelayTimesOutEveryRequestWithATypedError() throws Exception {
    relay.silent = true;
    Duration timeout = Duration.ofMillis(300);
    connected(builder().okTimeout(timeout).eoseTimeout(timeout));

    Throwable publish = failureOf(client.publish(note("into the void")));
    assertThat(publish).isInstanceOf(RelayTimeoutException.class).hasMessageContaining("no OK");
    assertThat(((RelayTimeoutException) publish).after()).isEqualTo(timeout);

    Throwable query = failureOf(client.query(List.of(kinds(1)), timeout));
    assertThat(query).isInstanceOf(RelayTimeoutException.class).hasMessageContaining("no EOSE");

    Throwable count = failureOf(client.count(List.of(kinds(1))));
    assertThat(count).isInstanceOf(RelayTimeoutException.class).hasMessageContaining("COUNT");

    Throwable auth = failureOf(client.authenticate());
    assertThat(auth).isInstanceOf(AuthFailedException.class).hasMessageContaining("no signer");
  }

  @Test
  void closeFailsPendingWorkAndStopsEveryThread() throws Exception {
    Map<Thread, StackTraceElement[]> before = Thread.getAllStackTraces();
    relay.silent = true;
    connected(builder());
    CompletableFuture<RelayMessage.Ok> pending = client.publish(note("never answered"));
    Recorder rec = new Recorder();
    Subscription sub = client.subscribe(List.of(kinds(1)), rec);
    client.close();

    assertThat(failureOf(pending)).isInstanceOf(ClientClosedException.class);
    assertThat(failureOf(sub.eose())).isInstanceOf(ClientClosedException.class);
    assertThat(rec.next()).startsWith("closed:");
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(failureOf(client.publish(note("late")))).isInstanceOf(ClientClosedException.class);
    client.close(); // idempotent

    List<String> leaked =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.containsKey(t) && t.isAlive())
            .map(Thread::getName)
            .filter(n -> !n.startsWith("vert.x-")) // the test relay's
            // the JDK's websocket handshake runs a step on the shared common pool (idles out)
            .filter(n -> !n.startsWith("ForkJoinPool.commonPool-"))
            .toList();
    assertThat(leaked).isEmpty();
  }

  @Test
  void aPendingPublishIsRetriedOnTheNextConnection() throws Exception {
    relay.silent = true;
    connected(builder());
    CompletableFuture<RelayMessage.Ok> pending = client.publish(note("retry me"));
    eventually(() -> received(ClientMessage.Publish.class) == 1, "relay got the EVENT");
    relay.silent = false;
    relay.dropConnections();
    RelayMessage.Ok ok = pending.get(10, TimeUnit.SECONDS);
    assertThat(ok.accepted()).isTrue();
    assertThat(received(ClientMessage.Publish.class)).isEqualTo(2);
    assertThat(relay.stored).extracting(Event::content).containsExactly("retry me");
  }

  @Test
  void aSubscriptionWhoseCallbacksFallBehindIsClosedNotBuffered() throws Exception {
    ExecutorService callbacks = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Recorder rec = new Recorder();
      SubscriptionListener slow =
          new SubscriptionListener() {
            @Override
            public void onEvent(Event event) {
              rec.onEvent(event);
              entered.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }

            @Override
            public void onClosed(String message) {
              rec.onClosed(message);
            }
          };
      relay.inject(note("first"));
      connected(builder().callbackExecutor(callbacks).maxQueuedEvents(3)); // EOSE + 2 events
      client.subscribe("slow", List.of(kinds(1)), slow);
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= 5; i++) {
        relay.deliverToAll(note("more " + i));
      }
      eventually(() -> relay.received.contains(new ClientMessage.Close("slow")), "CLOSE sent");
      release.countDown();
      assertThat(rec.next()).isEqualTo("event:first");
      assertThat(rec.next()).isEqualTo("event:more 1");
      assertThat(rec.next()).isEqualTo("event:more 2");
      assertThat(rec.next()).isEqualTo("closed:error: more than 3 events queued");
      RelayIssue.Overflow overflow = awaitIssue(RelayIssue.Overflow.class);
      assertThat(overflow.subscriptionId()).isEqualTo("slow");
    } finally {
      client.close();
      callbacks.shutdownNow();
    }
  }

  @Test
  void moreThanMaxPendingRequestsAreRefusedNotQueued() throws Exception {
    relay.silent = true;
    connected(builder().maxPending(2));
    client.publish(note("1"));
    client.count(List.of(kinds(1)));
    Throwable t = failureOf(client.publish(note("3")));
    assertThat(t).isInstanceOf(BackpressureException.class).hasMessageContaining("2 requests");
  }
}
