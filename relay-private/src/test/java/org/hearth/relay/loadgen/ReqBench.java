package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * REQ latency, one query at a time on one authenticated connection: from sending the REQ to
 * receiving its EOSE (so it includes sending every matching event), per filter shape.
 */
final class ReqBench {
  record Result(Stats stats, double meanEvents) {}

  private ReqBench() {}

  static Map<String, Result> run(
      RelayProcess relay, HttpClient http, BulkStore.Sample s, int warmup, int measured)
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

    LoadClient c = LoadClient.connect(http, relay.url(BulkStore.RELAY));
    c.auth(BenchKeys.READER).orTimeout(10, TimeUnit.SECONDS).join();
    AtomicInteger events = new AtomicInteger();
    SynchronousQueue<Long> eose = new SynchronousQueue<>();
    c.onEvent(f -> events.incrementAndGet());
    c.onEose(
        f -> {
          try {
            eose.put(System.nanoTime());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Map<String, Result> out = new LinkedHashMap<>();
    int sub = 0;
    for (Map.Entry<String, Function<Random, String>> shape : shapes.entrySet()) {
      Random r = new Random(shape.getKey().hashCode());
      long[] lat = new long[measured];
      long totalEvents = 0;
      for (int i = 0; i < warmup + measured; i++) {
        String id = "q" + sub++;
        String req = "[\"REQ\",\"" + id + "\"," + shape.getValue().apply(r) + "]";
        events.set(0);
        long t0 = System.nanoTime();
        c.send(req);
        Long t1 = eose.poll(30, TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("no EOSE for " + req);
        }
        c.send("[\"CLOSE\",\"" + id + "\"]");
        if (i >= warmup) {
          lat[i - warmup] = t1 - t0;
          totalEvents += events.get();
        }
      }
      out.put(shape.getKey(), new Result(Stats.of(lat, measured), (double) totalEvents / measured));
      System.out.printf("  REQ %s: %s%n", shape.getKey(), out.get(shape.getKey()));
    }
    c.close();
    return out;
  }

  private static String pick(Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }
}
