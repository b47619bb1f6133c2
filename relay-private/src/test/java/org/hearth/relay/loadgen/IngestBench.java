package org.hearth.relay.loadgen;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;

/**
 * Ingest: pre-signed kind-1 events over {@code connections} sockets with {@code inFlight}
 * unanswered EVENTs each; counts OK true acks; relay CPU from /proc/pid/stat. {@code db} is null
 * for an attached relay (no commit count, no PostgreSQL CPU: they read 0).
 */
final class IngestBench {
  record Result(
      int sent,
      int acked,
      int rejected,
      double seconds,
      double perSecond,
      double cpuMicrosPerEvent,
      double clientCpuMicrosPerEvent,
      double eventsPerCommit,
      double postgresCpuMicrosPerEvent) {}

  private IngestBench() {}

  /** Pre-signed {@code ["EVENT",…]} frames as (id, frame) pairs, signed on all cores. */
  static List<String[]> presign(int n, List<LocalSigner> authors, String tag) {
    long now = System.currentTimeMillis() / 1000;
    return IntStream.range(0, n)
        .parallel()
        .mapToObj(
            i -> {
              Random r = new Random(i);
              LocalSigner a = authors.get(i % authors.size());
              String p = authors.get(r.nextInt(authors.size())).publicKey().hex();
              Event e =
                  a.sign(
                      new EventTemplate(
                          1,
                          List.of(List.of("t", tag), List.of("p", p)),
                          "bench event "
                              + i
                              + " "
                              + Long.toHexString(r.nextLong())
                              + " lorem ipsum",
                          now - r.nextInt(3600)));
              return new String[] {e.id(), MessageCodec.encode(new ClientMessage.Publish(e))};
            })
        .toList();
  }

  static Result run(
      RelayProcess relay,
      BenchDatabase db,
      HttpClient http,
      List<String[]> frames,
      int connections,
      int inFlight)
      throws InterruptedException {
    List<LoadClient> clients = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      clients.add(LoadClient.connect(http, relay, "family", BenchKeys.READER));
    }
    AtomicInteger acked = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(frames.size());
    long commits0 = db == null ? 0 : db.commits();
    long pg0 = db == null ? 0 : db.backendCpuMicros();
    long client0 = clientCpuMicros();
    long cpu0 = relay.cpuMicros();
    long t0 = System.nanoTime();
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      LoadClient client = clients.get(c);
      int first = c;
      senders.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Semaphore window = new Semaphore(inFlight);
                    for (int i = first; i < frames.size(); i += connections) {
                      String[] f = frames.get(i);
                      window.acquireUninterruptibly();
                      client
                          .publish(f[0], f[1])
                          .whenComplete(
                              (ack, err) -> {
                                if (ack != null && ack.accepted()) {
                                  acked.incrementAndGet();
                                } else {
                                  rejected.incrementAndGet();
                                }
                                window.release();
                                done.countDown();
                              });
                    }
                  }));
    }
    boolean finished = done.await(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long cpu = relay.cpuMicros() - cpu0;
    long client = clientCpuMicros() - client0;
    long commits = db == null ? 0 : db.commits() - commits0;
    long pg = db == null ? 0 : db.backendCpuMicros() - pg0;
    for (Thread t : senders) {
      t.join(1000);
    }
    clients.forEach(LoadClient::close);
    if (!finished) {
      throw new IllegalStateException("ingest did not finish: " + acked + " acked");
    }
    int ok = acked.get();
    return new Result(
        frames.size(),
        ok,
        rejected.get(),
        seconds,
        ok / seconds,
        ok == 0 ? 0 : (double) cpu / ok,
        ok == 0 ? 0 : (double) client / ok,
        commits == 0 ? 0 : (double) ok / commits,
        ok == 0 ? 0 : (double) pg / ok);
  }

  /** CPU time of this (load generator) process, in microseconds. */
  static long clientCpuMicros() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1000;
  }
}
