package org.hearth.nostr.client;

import java.time.Duration;
import java.util.List;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a {@link TestRelay} per test and offers helpers to drive a client against it. */
abstract class RelayClientTestBase {
  final LocalSigner author = LocalSigner.generate();
  final BlockingQueue<RelayIssue> issues = new LinkedBlockingQueue<>();
  final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
  TestRelay relay;
  RelayClient client;

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

  RelayClientBuilder builder() {
    return RelayClient.builder(relay.uri())
        .okTimeout(Duration.ofSeconds(5))
        .eoseTimeout(Duration.ofSeconds(5))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .issueListener(issues::add)
        .stateListener((from, to) -> states.add(to));
  }

  RelayClient connected(RelayClientBuilder b) {
    client = b.build();
    client.connectAndWait();
    return client;
  }

  Event note(String content) {
    return author.sign(EventTemplate.of(1, List.of(), content));
  }

  static Filter kinds(int kind) {
    return new Filter(null, null, Set.of(kind), null, null, null, null, null);
  }

  void awaitState(ConnectionState wanted) throws InterruptedException {
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

  <T extends RelayIssue> T awaitIssue(Class<T> type) throws InterruptedException {
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

  static Throwable failureOf(CompletableFuture<?> f) throws Exception {
    try {
      f.get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + f.get());
  }

  /** Waits (10 s at most) until the condition holds; for effects on the relay's side. */
  static void eventually(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(10);
    }
  }

  long received(Class<? extends ClientMessage> type) {
    return relay.received.stream().filter(type::isInstance).count();
  }
}
