package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;

/**
 * Fan-out: {@code subscribers} authenticated connections each hold a live REQ; one publisher signs
 * and sends {@code rate} events/s for {@code seconds}. Each event carries its send time ({@code
 * System.nanoTime()} read just before signing, in its content: {@code "fan-out <i> <nanos>"}), so
 * the latency of a delivery is its receive time minus the time in the frame (same process, same
 * clock; signing, ~0.1 ms, counts against the relay). Every delivery is counted and timed. A
 * warm-up of {@code fanout-warmup} seconds (default 2) at the same rate runs first, unmeasured.
 *
 * <p>Subscribers run on {@code client-threads} Vert.x event loops ({@link EventLoopSubscribers},
 * default) or, with {@code --fanout-client=jdk}, as one {@code java.net.http} websocket each (the
 * client of the first runs, ~10.8 µs of CPU per delivery; kept to compare).
 */
final class FanoutBench {
  private static final String MARK = "\"content\":\"fan-out ";

  record Result(
      Stats stats,
      long delivered,
      long expected,
      double relayCpuMicrosPerDelivery,
      double clientCpuMicrosPerDelivery,
      String client) {}

  private FanoutBench() {}

  static Result run(
      RelayProcess relay,
      HttpClient http,
      int subscribers,
      int rate,
      int seconds,
      String client,
      int clientThreads,
      int warmupSeconds)
      throws Exception {
    String tag = "fanout-" + System.nanoTime();
    int total = rate * seconds;
    long expected = (long) subscribers * total;
    long[] lat = new long[(int) Math.min(Integer.MAX_VALUE - 8, expected)];
    AtomicInteger n = new AtomicInteger();
    AtomicInteger warm = new AtomicInteger();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicLong unparsed = new AtomicLong();
    Consumer<String> onEvent =
        f -> {
          long now = System.nanoTime();
          if (!measuring.get()) {
            warm.incrementAndGet();
            return;
          }
          int k = n.getAndIncrement();
          long sent = sentAt(f);
          if (sent == Long.MIN_VALUE) {
            unparsed.incrementAndGet();
          } else if (k < lat.length) {
            lat[k] = now - sent;
          }
        };
    String req = "[\"REQ\",\"live\",{\"kinds\":[1],\"#t\":[\"" + tag + "\"],\"limit\":0}]";
    AutoCloseable subs;
    if (client.equals("jdk")) {
      List<LoadClient> clients =
          LoadClient.connectMany(http, relay.url("family"), subscribers, relay.auth());
      java.util.concurrent.CountDownLatch eosed =
          new java.util.concurrent.CountDownLatch(subscribers);
      for (LoadClient s : clients) {
        s.onEvent(onEvent);
        s.onEose(f -> eosed.countDown());
        if (relay.auth()) {
          s.auth(BenchKeys.READER).orTimeout(30, TimeUnit.SECONDS).join();
        }
        s.send(req);
      }
      if (!eosed.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not every subscriber got EOSE");
      }
      subs = () -> clients.forEach(LoadClient::close);
    } else {
      subs =
          EventLoopSubscribers.open(
              relay.url("family"),
              subscribers,
              clientThreads,
              relay.auth() ? BenchKeys.READER : null,
              req,
              onEvent);
    }
    LoadClient pub = LoadClient.connect(http, relay, "family", BenchKeys.READER);
    List<List<String>> tags = List.of(List.of("t", tag));
    // Warm-up (not measured): the same load for warmupSeconds, so JIT compilation of both sides
    // is not billed to the measured deliveries; then wait until it has been delivered.
    publish(pub, tags, rate, rate * warmupSeconds);
    awaitCount(warm, (long) subscribers * rate * warmupSeconds);
    measuring.set(true);
    long relay0 = relay.cpuMicros();
    long client0 = IngestBench.clientCpuMicros();
    publish(pub, tags, rate, total);
    awaitCount(n, expected);
    int got = Math.min(n.get(), lat.length);
    double relayCpu = (relay.cpuMicros() - relay0) / (double) Math.max(1, n.get());
    double clientCpu = (IngestBench.clientCpuMicros() - client0) / (double) Math.max(1, n.get());
    pub.close();
    subs.close();
    if (unparsed.get() > 0) {
      throw new IllegalStateException(unparsed.get() + " deliveries without a send time");
    }
    return new Result(Stats.of(lat, got), n.get(), expected, relayCpu, clientCpu, client);
  }

  /** Signs and sends {@code count} events at {@code rate}/s, each stamped with its send time. */
  private static void publish(LoadClient pub, List<List<String>> tags, int rate, int count)
      throws InterruptedException {
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * periodNanos;
      while (System.nanoTime() < due) {
        Thread.sleep(0, 200_000);
      }
      Event e =
          BenchKeys.READER.sign(
              EventTemplate.of(1, tags, "fan-out " + i + " " + System.nanoTime()));
      pub.publish(e.id(), MessageCodec.encode(new ClientMessage.Publish(e)));
    }
  }

  /** Waits until {@code counter} reaches {@code expected}, at most 30 s. */
  private static void awaitCount(AtomicInteger counter, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (counter.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** The send time in {@code ...,"content":"fan-out <i> <nanos>",...}; MIN_VALUE if absent. */
  static long sentAt(String frame) {
    int i = frame.indexOf(MARK);
    if (i < 0) {
      return Long.MIN_VALUE;
    }
    int sp = frame.indexOf(' ', i + MARK.length());
    int end = frame.indexOf('"', sp + 1);
    if (sp < 0 || end < 0) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(frame, sp + 1, end, 10);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
