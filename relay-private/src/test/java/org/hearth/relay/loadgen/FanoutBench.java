package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;

/**
 * Fan-out: {@code subscribers} authenticated connections each hold a live REQ; one publisher sends
 * {@code rate} events/s for {@code seconds}; latency is from just before the EVENT is sent to its
 * arrival at each subscriber (same process, same clock).
 */
final class FanoutBench {
  record Result(
      Stats stats,
      long delivered,
      long expected,
      double relayCpuMicrosPerDelivery,
      double clientCpuMicrosPerDelivery) {}

  private FanoutBench() {}

  static Result run(RelayProcess relay, HttpClient http, int subscribers, int rate, int seconds)
      throws Exception {
    String tag = "fanout-" + System.nanoTime();
    int total = rate * seconds;
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      events.add(
          BenchKeys.READER.sign(EventTemplate.of(1, List.of(List.of("t", tag)), "fan-out " + i)));
    }
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    long[] lat = new long[subscribers * total];
    AtomicInteger n = new AtomicInteger();
    CountDownLatch eosed = new CountDownLatch(subscribers);
    List<LoadClient> subs = LoadClient.connectMany(http, relay.url("family"), subscribers);
    for (LoadClient s : subs) {
      s.onEvent(
          f -> {
            long now = System.nanoTime();
            Long t0 = sentAt.get(LoadClient.eventId(f));
            int k = n.getAndIncrement();
            if (t0 != null && k < lat.length) {
              lat[k] = now - t0;
            }
          });
      s.onEose(f -> eosed.countDown());
      s.auth(BenchKeys.READER).orTimeout(30, TimeUnit.SECONDS).join();
      s.send("[\"REQ\",\"live\",{\"kinds\":[1],\"#t\":[\"" + tag + "\"],\"limit\":0}]");
    }
    if (!eosed.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not every subscriber got EOSE");
    }
    LoadClient pub = LoadClient.connect(http, relay.url("family"));
    pub.auth(BenchKeys.READER).orTimeout(10, TimeUnit.SECONDS).join();
    long relay0 = relay.cpuMicros();
    long client0 = IngestBench.clientCpuMicros();
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * periodNanos;
      while (System.nanoTime() < due) {
        Thread.sleep(0, 200_000);
      }
      Event e = events.get(i);
      String frame = MessageCodec.encode(new ClientMessage.Publish(e));
      sentAt.put(e.id(), System.nanoTime());
      pub.publish(e.id(), frame);
    }
    long expected = (long) subscribers * total;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (n.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    int got = Math.min(n.get(), lat.length);
    double relayCpu = (relay.cpuMicros() - relay0) / (double) Math.max(1, n.get());
    double clientCpu = (IngestBench.clientCpuMicros() - client0) / (double) Math.max(1, n.get());
    pub.close();
    subs.forEach(LoadClient::close);
    return new Result(Stats.of(lat, got), n.get(), expected, relayCpu, clientCpu);
  }
}
