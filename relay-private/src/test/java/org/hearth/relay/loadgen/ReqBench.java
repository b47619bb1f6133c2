package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * REQ latency, one query at a time on one authenticated connection: from sending the REQ to
 * receiving its EOSE (so it includes sending every matching event), per filter shape. The client is
 * {@link EventLoopClient} (default) or, with {@code --req-client=jdk}, {@link LoadClient} ({@code
 * java.net.http}, whose ~10 µs per frame the first runs included: 5 ms per 500 events). With {@code
 * connections} > 1 (event-loop client only) the REQs still go one at a time, on the connections in
 * turn: the relay then serves them on several of its event loops, as it serves many clients.
 */
final class ReqBench {
  /**
   * @param stats REQ sent (by the benchmark thread) to EOSE received
   * @param clientHop the benchmark thread's send to the write on the client's event loop (null with
   *     the jdk client): part of {@code stats}, the client's cost, not the relay's
   * @param fromWrite the REQ's write on the client's event loop to EOSE received (null with the jdk
   *     client): {@code stats} without the client hop
   */
  record Result(Stats stats, double meanEvents, Stats clientHop, Stats fromWrite) {
    Result(Stats stats, double meanEvents) {
      this(stats, meanEvents, null, null);
    }
  }

  private ReqBench() {}

  static Map<String, Result> run(
      RelayProcess relay,
      HttpClient http,
      BulkStore.Sample s,
      int warmup,
      int measured,
      String client,
      int connections)
      throws InterruptedException {
    Map<String, Function<Random, String>> shapes = new LinkedHashMap<>();
    shapes.put("by id", r -> "{\"ids\":[\"" + pick(r, s.ids()) + "\"]}");
    shapes.put(
        "author, limit 500", r -> "{\"authors\":[\"" + pick(r, s.authors()) + "\"],\"limit\":500}");
    shapes.put(
        "kind+since, limit 500",
        r ->
            "{\"kinds\":[1],\"since\":"
                + (s.newest() - 86_400 - r.nextInt(5 * 86_400))
                + ",\"limit\":500}");
    shapes.put("#e, limit 500", r -> "{\"#e\":[\"" + pick(r, s.eTags()) + "\"],\"limit\":500}");

    AtomicInteger events = new AtomicInteger();
    SynchronousQueue<Long> eose = new SynchronousQueue<>();
    Consumer<String> onEvent = f -> events.incrementAndGet();
    Consumer<String> onEose =
        f -> {
          try {
            eose.put(System.nanoTime());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    List<Consumer<String>> send = new java.util.ArrayList<>();
    List<Consumer<String>> sendReq = new java.util.ArrayList<>(); // timed on the client's thread
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    List<AutoCloseable> connection = new java.util.ArrayList<>();
    if (client.equals("jdk")) {
      LoadClient c = LoadClient.connect(http, relay, BulkStore.RELAY, BenchKeys.READER);
      c.onEvent(onEvent);
      c.onEose(onEose);
      send.add(c::send);
      sendReq.add(c::send);
      connection.add(c);
    } else {
      for (int k = 0; k < connections; k++) {
        EventLoopClient c =
            EventLoopClient.connect(
                relay.url(BulkStore.RELAY), relay.auth() ? BenchKeys.READER : null);
        c.onEvent(onEvent);
        c.onEose(onEose);
        send.add(c::send);
        sendReq.add(f -> c.sendTimed(f, written::set));
        connection.add(c);
      }
    }
    boolean timed = !client.equals("jdk");
    Map<String, Result> out = new LinkedHashMap<>();
    int sub = 0;
    for (Map.Entry<String, Function<Random, String>> shape : shapes.entrySet()) {
      Random r = new Random(shape.getKey().hashCode());
      long[] lat = new long[measured];
      long[] hop = new long[measured];
      long[] wire = new long[measured];
      long totalEvents = 0;
      for (int i = 0; i < warmup + measured; i++) {
        String id = "q" + sub++;
        String req = "[\"REQ\",\"" + id + "\"," + shape.getValue().apply(r) + "]";
        events.set(0);
        written.set(0);
        int k = i % send.size(); // one REQ at a time, the connections in turn
        long t0 = System.nanoTime();
        sendReq.get(k).accept(req);
        Long t1 = eose.poll(30, TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("no EOSE for " + req);
        }
        send.get(k).accept("[\"CLOSE\",\"" + id + "\"]");
        if (i >= warmup) {
          lat[i - warmup] = t1 - t0;
          hop[i - warmup] = timed ? written.get() - t0 : 0;
          wire[i - warmup] = timed ? t1 - written.get() : 0;
          totalEvents += events.get();
        }
      }
      out.put(
          shape.getKey(),
          new Result(
              Stats.of(lat, measured),
              (double) totalEvents / measured,
              timed ? Stats.of(hop, measured) : null,
              timed ? Stats.of(wire, measured) : null));
      System.out.printf("  REQ %s: %s%n", shape.getKey(), out.get(shape.getKey()));
    }
    for (AutoCloseable c : connection) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static String pick(Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }
}
