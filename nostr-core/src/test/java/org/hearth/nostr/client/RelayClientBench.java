package org.hearth.nostr.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.RelayMessage;

/**
 * Manual measurement of the relay client against {@link TestRelay} on loopback (not a test; run its
 * main with the test class path). Results go to docs/benchmarks.md.
 */
final class RelayClientBench {
  private RelayClientBench() {}

  public static void main(String[] args) throws Exception {
    LocalSigner signer = LocalSigner.generate();
    Filter notes = new Filter(null, null, Set.of(1), null, null, null, null, null);
    try (TestRelay relay = TestRelay.start();
        RelayClient client =
            RelayClient.builder(relay.uri())
                .maxPending(20_000)
                .maxQueuedEvents(100_000)
                .dedupWindow(100_000)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(2))
                .build()) {
      client.connectAndWait();
      for (int round = 0; round < 3; round++) {
        int n = 2000;
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          events.add(signer.sign(EventTemplate.of(1, List.of(), "seq " + round + " " + i)));
        }
        long t0 = System.nanoTime();
        for (Event e : events) {
          client.publishAndWait(e);
        }
        double seq = (System.nanoTime() - t0) / 1e6;
        System.out.printf(
            "round %d: %d sequential publish+OK: %.0f ms, %.3f ms each%n", round, n, seq, seq / n);

        int m = 10_000;
        List<Event> burst = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          burst.add(signer.sign(EventTemplate.of(1, List.of(), "burst " + round + " " + i)));
        }
        t0 = System.nanoTime();
        List<CompletableFuture<RelayMessage.Ok>> oks = new ArrayList<>(m);
        for (Event e : burst) {
          oks.add(client.publish(e));
        }
        CompletableFuture.allOf(oks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double pip = (System.nanoTime() - t0) / 1e9;
        System.out.printf("round %d: %d pipelined publishes: %.0f OK/s%n", round, m, m / pip);

        int stored = relay.stored.size();
        t0 = System.nanoTime();
        List<Event> got = client.queryAndWait(List.of(notes), Duration.ofSeconds(60));
        double q = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "round %d: query of %d stored events (verified): %.0f events/s%n",
            round, got.size(), got.size() / q);
        if (got.size() != stored) {
          throw new AssertionError(got.size() + " != " + stored);
        }
      }
      for (int i = 0; i < 5; i++) {
        CountDownLatch up = new CountDownLatch(1);
        Subscription s = client.subscribe(List.of(notes), e -> {});
        s.eose().get(60, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        relay.dropConnections();
        while (client.state() == ConnectionState.CONNECTED) {
          Thread.onSpinWait();
        }
        while (client.state() != ConnectionState.CONNECTED) {
          Thread.sleep(1);
        }
        System.out.printf(
            "reconnect %d: connected again after %.0f ms%n", i, (System.nanoTime() - t0) / 1e6);
        up.countDown();
        s.close();
        Thread.sleep(3000);
      }
    }
  }
}
