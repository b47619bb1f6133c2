package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
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
  private static final int[] SHIFT = horspool(MARK_UTF8);

  /**
   * Where the time of a delivery goes, per measured event (milliseconds from the send time): the
   * publisher's OK (verified, committed and answered: live delivery follows the commit), the first
   * and the last of its deliveries to arrive; and the deliveries missing (events not delivered to
   * every subscriber). CPU split into user and system time, relay and load generator, per delivery.
   */
  record Breakdown(
      Stats ok,
      Stats first,
      Stats last,
      long missing,
      int incompleteEvents,
      double relayUserMicros,
      double relaySystemMicros,
      double clientUserMicros,
      double clientSystemMicros,
      String client) {
    @Override
    public String toString() {
      return String.format(
          "publish -> OK %s; -> first delivery %s; -> last delivery %s; missing deliveries %d"
              + " (%d events incomplete); CPU per delivery: relay %.1f user + %.1f system µs,"
              + " load generator %.1f user + %.1f system µs%s",
          ok,
          first,
          last,
          missing,
          incompleteEvents,
          relayUserMicros,
          relaySystemMicros,
          clientUserMicros,
          clientSystemMicros,
          client);
    }
  }

  record Result(
      Stats stats,
      long delivered,
      long expected,
      double relayCpuMicrosPerDelivery,
      double clientCpuMicrosPerDelivery,
      String client,
      Breakdown breakdown) {}

  /** Per measured event: its OK, first and last arrival, and how many subscribers got it. */
  private static final class Timeline {
    final long[] sent;
    final AtomicLongArray ok;
    final AtomicLongArray first;
    final AtomicLongArray last;
    final AtomicIntegerArray count;

    Timeline(int events) {
      sent = new long[events];
      ok = new AtomicLongArray(events);
      first = new AtomicLongArray(events);
      last = new AtomicLongArray(events);
      count = new AtomicIntegerArray(events);
    }

    void delivered(int i, long now) {
      if (i >= 0 && i < sent.length) {
        count.incrementAndGet(i);
        first.accumulateAndGet(i, now, (a, b) -> a == 0 ? b : Math.min(a, b));
        last.accumulateAndGet(i, now, Math::max);
      }
    }

    /** Latency of {@code at[i] - sent[i]} over the events that have both. */
    Stats stats(java.util.function.IntToLongFunction at) {
      long[] d = new long[sent.length];
      int n = 0;
      for (int i = 0; i < sent.length; i++) {
        long t = at.applyAsLong(i);
        if (t != 0 && sent[i] != 0) {
          d[n++] = t - sent[i];
        }
      }
      return Stats.of(d, n);
    }
  }

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
    Timeline timeline = new Timeline(total);
    AtomicInteger n = new AtomicInteger();
    AtomicInteger warm = new AtomicInteger();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicLong unparsed = new AtomicLong();
    Delivery onDelivery =
        (index, sent) -> {
          long now = System.nanoTime();
          if (!measuring.get()) {
            warm.incrementAndGet();
            return;
          }
          int k = n.getAndIncrement();
          if (sent == Long.MIN_VALUE) {
            unparsed.incrementAndGet();
            return;
          }
          if (k < lat.length) {
            lat[k] = now - sent;
          }
          timeline.delivered(index, now);
        };
    String req = "[\"REQ\",\"live\",{\"kinds\":[1],\"#t\":[\"" + tag + "\"],\"limit\":0}]";
    Consumer<String> onEvent = f -> onDelivery.accept(indexOf(f), sentAt(f));
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
              (buf, off, len) -> {
                int end = off + len;
                int p = afterMark(buf, off, end);
                onDelivery.accept(numberAt(buf, p, end), sentAt(buf, p, end));
              });
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
    publish(pub, tags, rate, rate * warmupSeconds, null);
    awaitCount(warm, (long) subscribers * rate * warmupSeconds);
    measuring.set(true);
    long[] relay0 = relay.cpuTimesMicros();
    long[] client0 = RelayProcess.cpuTimesMicros(ProcessHandle.current().pid());
    long client0Total = IngestBench.clientCpuMicros();
    publish(pub, tags, rate, total, timeline);
    awaitCount(n, expected);
    int got = Math.min(n.get(), lat.length);
    long[] relay1 = relay.cpuTimesMicros();
    long[] client1 = RelayProcess.cpuTimesMicros(ProcessHandle.current().pid());
    double per = Math.max(1, n.get());
    double relayCpu = (relay1[0] + relay1[1] - relay0[0] - relay0[1]) / per;
    double clientCpu = (IngestBench.clientCpuMicros() - client0Total) / per;
    pub.close();
    subs.close();
    if (unparsed.get() > 0) {
      throw new IllegalStateException(unparsed.get() + " deliveries without a send time");
    }
    long missing = 0;
    int incomplete = 0;
    for (int i = 0; i < total; i++) {
      int c = timeline.count.get(i);
      if (c < subscribers) {
        missing += subscribers - c;
        incomplete++;
      }
    }
    Breakdown breakdown =
        new Breakdown(
            timeline.stats(timeline.ok::get),
            timeline.stats(timeline.first::get),
            timeline.stats(timeline.last::get),
            missing,
            incomplete,
            (relay1[0] - relay0[0]) / per,
            (relay1[1] - relay0[1]) / per,
            (client1[0] - client0[0]) / per,
            (client1[1] - client0[1]) / per,
            subs instanceof NioSubscribers nio ? "; " + nio.counters() : "");
    return new Result(
        Stats.of(lat, got), n.get(), expected, relayCpu, clientCpu, client, breakdown);
  }

  /** A delivery of the event numbered {@code index} sent at {@code sentNanos}. */
  private interface Delivery {
    void accept(int index, long sentNanos);
  }

  /**
   * Signs and sends {@code count} events at {@code rate}/s, each stamped with its number and send
   * time; with a {@code timeline}, records each send time and the arrival of its OK there.
   */
  private static void publish(
      LoadClient pub, List<List<String>> tags, int rate, int count, Timeline timeline)
      throws InterruptedException {
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * periodNanos;
      while (System.nanoTime() < due) {
        Thread.sleep(0, 200_000);
      }
      long sent = System.nanoTime();
      Event e = BenchKeys.READER.sign(EventTemplate.of(1, tags, "fan-out " + i + " " + sent));
      CompletableFuture<LoadClient.Ack> ok =
          pub.publish(e.id(), MessageCodec.encode(new ClientMessage.Publish(e)));
      if (timeline != null) {
        int k = i;
        timeline.sent[k] = sent;
        ok.thenRun(() -> timeline.ok.set(k, System.nanoTime()));
      }
    }
  }

  /** Waits until {@code counter} reaches {@code expected}, at most 30 s. */
  private static void awaitCount(AtomicInteger counter, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (counter.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** The event number in {@code ...,"content":"fan-out <i> <nanos>",...}; -1 if absent. */
  static int indexOf(String frame) {
    int i = frame.indexOf(MARK);
    if (i < 0) {
      return -1;
    }
    int p = i + MARK.length();
    int v = 0;
    while (p < frame.length() && Character.isDigit(frame.charAt(p)) && v < 100_000_000) {
      v = v * 10 + (frame.charAt(p++) - '0');
    }
    return p < frame.length() && frame.charAt(p) == ' ' ? v : -1;
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

  /**
   * The position just past {@code "content":"fan-out } in {@code a[off, end)}, or -1: a Horspool
   * search, which looks at about one byte in {@link #MARK}'s length, as each delivery is scanned.
   */
  static int afterMark(byte[] a, int off, int end) {
    int m = MARK_UTF8.length;
    int i = off;
    while (i <= end - m) {
      int j = m - 1;
      while (j >= 0 && a[i + j] == MARK_UTF8[j]) {
        j--;
      }
      if (j < 0) {
        return i + m;
      }
      i += SHIFT[a[i + m - 1] & 0xff];
    }
    return -1;
  }

  /** The event number {@code <i>} at {@code p} ({@link #afterMark}); -1 if malformed. */
  static int numberAt(byte[] a, int p, int end) {
    if (p < 0) {
      return -1;
    }
    int v = 0;
    while (p < end && a[p] >= '0' && a[p] <= '9' && v < 100_000_000) {
      v = v * 10 + (a[p++] - '0');
    }
    return p < end && a[p] == ' ' ? v : -1;
  }

  /** The send time {@code <nanos>} after the number at {@code p}; MIN_VALUE if malformed. */
  static long sentAt(byte[] a, int p, int end) {
    if (p < 0) {
      return Long.MIN_VALUE;
    }
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

  private static int[] horspool(byte[] pattern) {
    int[] shift = new int[256];
    java.util.Arrays.fill(shift, pattern.length);
    for (int i = 0; i < pattern.length - 1; i++) {
      shift[pattern[i] & 0xff] = pattern.length - 1 - i;
    }
    return shift;
  }
}
