package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.hearth.nostr.crypto.LocalSigner;
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
 * <p>Subscribers run on {@code client-threads} NIO selector threads with a minimal websocket client
 * ({@link NioSubscribers}, default: a delivery is counted and timed from the frame's bytes), or
 * with {@code --fanout-client=vertx} on Vert.x event loops ({@link EventLoopSubscribers}, ~9 µs of
 * CPU per delivery), or with {@code --fanout-client=jdk} as one {@code java.net.http} websocket
 * each (the client of the first runs, ~10.8 µs; both kept to compare).
 */
final class FanoutBench {
  private static final String MARK = "\"content\":\"fan-out ";
  private static final byte[] MARK_UTF8 = MARK.getBytes(StandardCharsets.US_ASCII);

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
    LongConsumer onSent =
        sent -> {
          long now = System.nanoTime();
          if (!measuring.get()) {
            warm.incrementAndGet();
            return;
          }
          int k = n.getAndIncrement();
          if (sent == Long.MIN_VALUE) {
            unparsed.incrementAndGet();
          } else if (k < lat.length) {
            lat[k] = now - sent;
          }
        };
    String req = "[\"REQ\",\"live\",{\"kinds\":[1],\"#t\":[\"" + tag + "\"],\"limit\":0}]";
    Consumer<String> onEvent = f -> onSent.accept(sentAt(f));
    String url = relay.url("family");
    LocalSigner reader = relay.auth() ? BenchKeys.READER : null; // none: no NIP-42 there
    AutoCloseable subs;
    if (client.equals("nio")) {
      subs =
          NioSubscribers.open(
              url,
              subscribers,
              clientThreads,
              reader,
              req,
              (buf, off, len) -> onSent.accept(sentAt(buf, off, len)));
    } else if (client.equals("jdk")) {
      List<LoadClient> clients = LoadClient.connectMany(http, url, subscribers, relay.auth());
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
    } else if (client.equals("vertx")) {
      subs = EventLoopSubscribers.open(url, subscribers, clientThreads, reader, req, onEvent);
    } else {
      throw new IllegalArgumentException("--fanout-client wants nio, vertx or jdk: " + client);
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

  /** {@link #sentAt(String)} of a frame's UTF-8 bytes, without decoding them. */
  static long sentAt(byte[] a, int off, int len) {
    int end = off + len;
    int i = indexOf(a, off, end, MARK_UTF8);
    if (i < 0) {
      return Long.MIN_VALUE;
    }
    int p = i + MARK_UTF8.length;
    while (p < end && a[p] != ' ') {
      p++;
    }
    p++;
    long v = 0;
    int digits = 0;
    boolean negative = p < end && a[p] == '-';
    if (negative) {
      p++;
    }
    while (p < end && a[p] >= '0' && a[p] <= '9') {
      v = v * 10 + (a[p++] - '0');
      digits++;
    }
    if (digits == 0 || digits > 18 || p >= end || a[p] != '"') {
      return Long.MIN_VALUE;
    }
    return negative ? -v : v;
  }

  private static int indexOf(byte[] a, int from, int end, byte[] s) {
    byte first = s[0];
    outer:
    for (int i = from; i <= end - s.length; i++) {
      if (a[i] != first) {
        continue;
      }
      for (int j = 1; j < s.length; j++) {
        if (a[i + j] != s[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
