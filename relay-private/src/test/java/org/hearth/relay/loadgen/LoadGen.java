package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hearth.nostr.crypto.LocalSigner;

/**
 * The relay load generator (see docs/benchmarks.md). Starts the packaged relay as a child process
 * on a fresh database and runs the phases named on the command line, in this order: {@code idle}
 * (RSS with idle connections, on the fresh process), {@code ingest}, {@code req} (bulk-loads the
 * store first), {@code fanout}; {@code all} runs every phase. Options {@code --name=value}: {@code
 * events} (60000), {@code warmup} (10000), {@code connections} (4), {@code in-flight} (32), {@code
 * store} (1000000), {@code authors} (1000), {@code queries} (1000), {@code subscribers} (1000),
 * {@code rate} (100), {@code seconds} (10), {@code idle} (2000), {@code jvm} (relay JVM options,
 * separated by |; {@value #DEFAULT_HEAP} is added unless they set a heap size, and {@link
 * #gcThreadsOption} unless they set ParallelGCThreads: the launch settings relay-private/README.md
 * recommends), {@code out} (target/bench), {@code fanout-client} ({@code nio}: subscribers on NIO
 * selector threads, {@code vertx}: on Vert.x event loops, or {@code jdk}: one java.net.http
 * websocket each), {@code client-threads} (1, selector threads or event loops of the nio and vertx
 * clients), {@code jar} (the relay's quarkus-run.jar, default: this module's; to compare two
 * builds), {@code database} (a database name on 127.0.0.1:5432 to use and keep instead of a fresh
 * one; a {@code req} phase then reuses a store it finds there instead of loading it again), {@code
 * req-warmup} (3000, unmeasured queries per REQ shape before the measured ones: after only 100, C2
 * was still compiling the REQ path on the same 2 cores during the measured queries, ~1,200
 * compilations in the by-id window, and by-id p99 read 12-16 ms instead of ~2 ms; a long-running
 * relay is warm, docs/benchmarks.md "Session 4: REQ one-row latency"), {@code req-connections} (1,
 * connections the REQ phase sends its one-at-a-time REQs on, in turn).
 *
 * <p>Another relay as a reference on the same machine (e.g. strfry; docs/benchmarks.md): {@code
 * export=<file>} writes the {@code req} phase's bulk store ({@code store} events of {@code authors}
 * authors, signed) as JSONL, one event a line, for that relay's importer, and exits when no phase
 * is named. {@code url=ws://…} runs the phases against a relay already running there instead of
 * starting one (no database; the commit count and PostgreSQL CPU read 0), with {@code pid} (its
 * process, for CPU and RSS from /proc) and {@code auth} ({@code true}; {@code false} for a relay
 * without NIP-42: clients neither wait for a challenge nor authenticate, and events are accepted
 * from anyone). Its {@code req} phase needs {@code store-file=<file>}: the export the relay
 * imported, from which the query sample (ids, authors, {@code e} tags, export time) is read, so the
 * filter shapes match what they match in a bulk-loaded PostgreSQL store. Without {@code url},
 * {@code store-file} makes the {@code req} phase COPY that file's events (the same events) instead
 * of signing new ones, and draw its sample from it.
 */
public final class LoadGen {
  /**
   * The relay's heap in the benchmark: 256 MB made GC a visible share of fan-out CPU (14.1 against
   * ~8 µs per delivery) and the uncapped default lets G1 grow to a quarter of RAM.
   */
  static final String DEFAULT_HEAP = "-Xmx512m";

  /**
   * The relay's stop-the-world GC threads: half the cores, at least one (relay-private/README.md).
   * With G1's default of one per core, each young pause took both cores of the 2-core bench machine
   * from PostgreSQL and the client too: REQ by id p99 ~5 ms, with one thread 1.4 ms
   * (docs/benchmarks.md, session 4).
   */
  static String gcThreadsOption(int cores) {
    return "-XX:ParallelGCThreads=" + Math.max(1, cores / 2);
  }

  private LoadGen() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1); // client event loops would otherwise keep the JVM alive
    }
    System.exit(0);
  }

  /** {@code shared_buffers=1GB,work_mem=16MB} as a map (for an embedded server). */
  static Map<String, String> pgSettings(String spec) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String kv : spec.split(",")) {
      if (!kv.isBlank()) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--pg wants key=value[,key=value…]: " + kv);
        }
        out.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
    }
    return out;
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    List<String> phases = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        opt.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else {
        phases.addAll(Arrays.asList(a.split(",")));
      }
    }
    Set<String> run =
        phases.isEmpty() || phases.contains("all")
            ? Set.of("idle", "ingest", "req", "fanout")
            : Set.copyOf(phases);
    Path out = Path.of(opt.getOrDefault("out", "target/bench"));
    Files.createDirectories(out);
    List<String> jvm = new ArrayList<>();
    if (opt.containsKey("jvm")) {
      jvm.addAll(List.of(opt.get("jvm").split("\\|")));
    }
    if (jvm.stream().noneMatch(o -> o.startsWith("-Xmx") || o.contains("MaxRAM"))) {
      jvm.add(0, DEFAULT_HEAP);
    }
    if (jvm.stream().noneMatch(o -> o.contains("ParallelGCThreads"))) {
      jvm.add(1, gcThreadsOption(Runtime.getRuntime().availableProcessors()));
    }
    if (opt.containsKey("export")) {
      BulkStore.export(
          Path.of(opt.get("export")),
          Integer.parseInt(opt.getOrDefault("store", "1000000")),
          Integer.parseInt(opt.getOrDefault("authors", "1000")));
      if (phases.isEmpty()) {
        return;
      }
    }
    boolean attached = opt.containsKey("url");
    Path jar =
        attached ? null : opt.containsKey("jar") ? Path.of(opt.get("jar")) : RelayProcess.jar();
    List<LocalSigner> writers = BenchKeys.writers(16);
    BenchReport report =
        new BenchReport(attached ? List.of("(attached: " + opt.get("url") + ")") : jvm);
    HttpClient http = HttpClient.newHttpClient();
    try (BenchDatabase db =
        attached
            ? null
            : opt.containsKey("database")
                ? BenchDatabase.reuse(opt.get("database"))
                : BenchDatabase.create(
                    "hearth_bench",
                    opt.getOrDefault("postgres", "local").equals("embedded"),
                    pgSettings(opt.getOrDefault("pg", "")))) {
      Map<String, String> env = new HashMap<>(attached ? Map.of() : db.relayEnv());
      env.put("HEARTH_RELAY_OWNER", BenchKeys.OWNER.publicKey().hex());
      env.put(
          "HEARTH_RELAY_MEMBERS",
          writers.stream().map(w -> w.publicKey().hex()).collect(Collectors.joining(","))
              + ","
              + BenchKeys.READER.publicKey().hex());
      env.put("HEARTH_RELAY_DATA_DIR", out.resolve("data").toString());
      env.put("QUARKUS_LOG_LEVEL", "WARN");
      // The REQ phase sends ~1,000 REQs/s on one connection: above the default per-connection
      // REQ limit (50/s, burst 100), which would answer most of them rate-limited.
      env.put("HEARTH_RELAY_LIMITS_CONNECTION_REQS_PER_SECOND", "1000000");
      env.put("HEARTH_RELAY_LIMITS_CONNECTION_REQ_BURST", "1000000");
      int port = RelayProcess.freePort();
      if (!attached) {
        System.out.printf(
            "database %s (shared_buffers %s, work_mem %s), relay %s on port %d, JVM options %s%n",
            db.name(), db.setting("shared_buffers"), db.setting("work_mem"), jar, port, jvm);
      }
      try (RelayProcess relay =
          attached
              ? RelayProcess.attach(
                  opt.get("url"),
                  Long.parseLong(opt.getOrDefault("pid", "0")),
                  Boolean.parseBoolean(opt.getOrDefault("auth", "true")))
              : RelayProcess.start(jar, port, env, jvm, out.resolve("relay.log"))) {
        report.pid(relay.pid(), relay.rssKib());
        if (run.contains("idle")) {
          int n = Integer.parseInt(opt.getOrDefault("idle", "2000"));
          IdleBench.Result r = IdleBench.run(relay, http, n, 10);
          System.out.printf("idle: %s%n", r);
          report.idle(r);
        }
        if (run.contains("ingest")) {
          int events = Integer.parseInt(opt.getOrDefault("events", "60000"));
          int warm = Integer.parseInt(opt.getOrDefault("warmup", "10000"));
          int conns = Integer.parseInt(opt.getOrDefault("connections", "4"));
          int inFlight = Integer.parseInt(opt.getOrDefault("in-flight", "32"));
          List<String[]> frames = IngestBench.presign(warm + events, writers, "ingest");
          IngestBench.Result w =
              IngestBench.run(relay, db, http, frames.subList(0, warm), conns, inFlight);
          System.out.printf("ingest warm-up: %s%n", w);
          IngestBench.Result r =
              IngestBench.run(
                  relay, db, http, frames.subList(warm, frames.size()), conns, inFlight);
          System.out.printf("ingest: %s%n", r);
          report.ingest(r, conns, inFlight);
        }
        if (run.contains("req")) {
          int store = Integer.parseInt(opt.getOrDefault("store", "1000000"));
          int authors = Integer.parseInt(opt.getOrDefault("authors", "1000"));
          int queries = Integer.parseInt(opt.getOrDefault("queries", "1000"));
          long t0 = System.nanoTime();
          Path file = opt.containsKey("store-file") ? Path.of(opt.get("store-file")) : null;
          BulkStore.Sample sample;
          if (attached) {
            if (file == null) {
              throw new IllegalArgumentException("req with --url needs --store-file");
            }
            sample = BulkStore.fromFile(file, authors); // the relay imported it
          } else {
            sample = db.reused() ? BulkStore.existing(db, store, authors).orElse(null) : null;
            if (sample != null && file != null) {
              sample = BulkStore.fromFile(file, authors);
            } else if (sample == null) {
              sample = BulkStore.load(db, store, authors, file);
            }
          }
          double loadSeconds = (System.nanoTime() - t0) / 1e9;
          System.out.printf("bulk store: %,d events in %.0f s%n", store, loadSeconds);
          String client = opt.getOrDefault("req-client", "vertx");
          int warm = Integer.parseInt(opt.getOrDefault("req-warmup", "3000"));
          int conns = Integer.parseInt(opt.getOrDefault("req-connections", "1"));
          report.req(
              ReqBench.run(relay, http, sample, warm, queries, client, conns), store, loadSeconds);
        }
        if (run.contains("fanout")) {
          int subs = Integer.parseInt(opt.getOrDefault("subscribers", "1000"));
          int rate = Integer.parseInt(opt.getOrDefault("rate", "100"));
          int secs = Integer.parseInt(opt.getOrDefault("seconds", "10"));
          String client = opt.getOrDefault("fanout-client", "nio");
          int threads = Integer.parseInt(opt.getOrDefault("client-threads", "1"));
          int warm = Integer.parseInt(opt.getOrDefault("fanout-warmup", "2"));
          FanoutBench.Result r =
              FanoutBench.run(relay, http, subs, rate, secs, client, threads, warm);
          System.out.printf("fan-out: %s%n", r);
          report.fanout(r, subs, rate);
        }
        report.finalRss(relay.rssKib());
      }
    }
    String md = report.markdown(Instant.now());
    Files.writeString(out.resolve("results.md"), md);
    Files.writeString(out.resolve("benchmarks.svg"), report.svg());
    System.out.println(md);
  }
}
