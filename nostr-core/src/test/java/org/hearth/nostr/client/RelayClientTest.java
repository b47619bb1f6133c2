package org.hearth.nostr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay client against {@link TestRelay} over real websockets. */
class RelayClientTest {
  private final LocalSigner author = LocalSigner.generate();
  private final BlockingQueue<RelayIssue> issues = new LinkedBlockingQueue<>();
  private final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
  private TestRelay relay;
  private RelayClient client;

  @BeforeEach
  void startRelay() throws Exception {
    relay = TestRelay.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    relay.close();
  }

  private RelayClientBuilder builder() {
    return RelayClient.builder(relay.uri())
        .okTimeout(Duration.ofSeconds(5))
        .eoseTimeout(Duration.ofSeconds(5))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .issueListener(issues::add)
        .stateListener((from, to) -> states.add(to));
  }

  private RelayClient connected(RelayClientBuilder b) {
    client = b.build();
    client.connectAndWait();
    return client;
  }

  private Event note(String content) {
    return author.sign(EventTemplate.of(1, List.of(), content));
  }

  private static Filter kinds(int kind) {
    return new Filter(null, null, Set.of(kind), null, null, null, null, null);
  }

  private void awaitState(ConnectionState wanted) throws InterruptedException {
    while (true) {
      ConnectionState s = states.poll(10, TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("state " + wanted + " not reached");
      }
      if (s == wanted) {
        return;
      }
    }
  }

  private <T extends RelayIssue> T awaitIssue(Class<T> type) throws InterruptedException {
    while (true) {
      RelayIssue i = issues.poll(10, TimeUnit.SECONDS);
      if (i == null) {
        throw new AssertionError("no " + type.getSimpleName() + " reported");
      }
      if (type.isInstance(i)) {
        return type.cast(i);
      }
    }
  }

  private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
    try {
      f.get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + f.get());
  }

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
  void publishAuthenticatesAfterAuthRequiredAndRepublishesOnce() {
    relay.requireAuthForEvent = true;
    LocalSigner member = LocalSigner.generate();
    connected(builder().signer(member));
    RelayMessage.Ok ok = client.publishAndWait(note("members only"));
    assertThat(ok.accepted()).isTrue();
    assertThat(relay.authsAccepted).hasValue(1);
    List<String> kinds = relay.received.stream().map(m -> m.getClass().getSimpleName()).toList();
    assertThat(kinds).containsExactly("Publish", "Auth", "Publish");
    Event auth =
        relay.received.stream()
            .filter(m -> m instanceof ClientMessage.Auth)
            .map(m -> ((ClientMessage.Auth) m).event())
            .findFirst()
            .orElseThrow();
    assertThat(auth.kind()).isEqualTo(22242);
    assertThat(auth.pubkey()).isEqualTo(member.publicKey().hex());
    assertThat(auth.firstTagValue("relay")).contains(relay.uri().toString());
  }

  @Test
  void withoutASignerAuthRequiredIsTheAnswer() {
    relay.requireAuthForEvent = true;
    connected(builder());
    RelayMessage.Ok ok = client.publishAndWait(note("x"));
    assertThat(ok.accepted()).isFalse();
    assertThat(ok.prefix()).contains(Prefix.AUTH_REQUIRED);
    assertThat(relay.received).noneMatch(m -> m instanceof ClientMessage.Auth);
  }

  @Test
  void aRejectedAuthFailsThePublishWithATypedError() throws Exception {
    relay.requireAuthForEvent = true;
    relay.rejectAuth = true;
    connected(builder().signer(LocalSigner.generate()));
    Throwable t = failureOf(client.publish(note("x")));
    assertThat(t).isInstanceOf(AuthFailedException.class).hasMessageContaining("bad AUTH");
  }

  @Test
  void subscribeAuthenticatesAfterClosedAuthRequired() throws Exception {
    relay.requireAuthForReq = true;
    relay.inject(note("stored"));
    connected(builder().signer(LocalSigner.generate()));
    Recorder rec = new Recorder();
    client.subscribe(List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("event:stored");
    assertThat(rec.next()).isEqualTo("eose");
    assertThat(relay.authsAccepted).hasValue(1);
  }

  @Test
  void eagerAuthAnswersTheChallengeWithoutBeingAsked() throws Exception {
    connected(builder().signer(LocalSigner.generate()).eagerAuth(true));
    client.authenticate().get(10, TimeUnit.SECONDS);
    assertThat(relay.authsAccepted).hasValue(1);
    assertThat(relay.received).singleElement().isInstanceOf(ClientMessage.Auth.class);
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
  void reconnectReauthenticatesBeforeResubscribing() throws Exception {
    relay.requireAuthForReq = true;
    connected(builder().signer(LocalSigner.generate()));
    Recorder rec = new Recorder();
    client.subscribe(List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("eose");
    awaitState(ConnectionState.CONNECTED);

    relay.dropConnections();
    awaitState(ConnectionState.CONNECTED);
    relay.inject(note("for members"));
    assertThat(rec.next()).isEqualTo("event:for members");
    assertThat(relay.authsAccepted).hasValue(2);
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
  void authWithoutAChallengeTimesOut() throws Exception {
    relay.sendChallenge = false;
    connected(builder().signer(LocalSigner.generate()).okTimeout(Duration.ofMillis(300)));
    Throwable t = failureOf(client.authenticate());
    assertThat(t).isInstanceOf(RelayTimeoutException.class).hasMessageContaining("challenge");
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
  void relayClosedEndsTheSubscriptionWithItsMessage() throws Exception {
    relay.requireAuthForReq = true;
    connected(builder());
    Recorder rec = new Recorder();
    Subscription sub = client.subscribe(List.of(kinds(1)), rec);
    assertThat(rec.next()).isEqualTo("closed:auth-required: members only");
    Throwable t = failureOf(sub.eose());
    assertThat(t).isInstanceOf(RequestClosedException.class);
    assertThat(((RequestClosedException) t).prefix()).contains(Prefix.AUTH_REQUIRED);
    assertThat(sub.isOpen()).isFalse();
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
    assertThatThrownBy(() -> RelayClient.builder(URI.create("http://relay.example")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ws://");
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
            .filter(n -> !n.startsWith("vert.x-"))
            .toList();
    assertThat(leaked).isEmpty();
  }
}
