package org.hearth.relay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.TestSocket;

/**
 * Ingest load generator: {@code connections} websockets, each with {@code inFlight} EVENTs
 * outstanding, pre-signed events, counts OK acks per second. Author keys are secret keys
 * 0x10+connection (make them members: see docs/benchmarks.md).
 *
 * <p>Usage: {@code IngestBench <port> <relay> <connections> <inFlight> <eventsPerConnection>}
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String relay = args[1];
    int connections = Integer.parseInt(args[2]);
    int inFlight = Integer.parseInt(args[3]);
    int perConnection = Integer.parseInt(args[4]);
    List<List<Event>> events = new ArrayList<>();
    List<TestSocket> sockets = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      LocalSigner key =
          new LocalSigner(PrivateKey.fromHex("00".repeat(31) + String.format("%02x", 0x10 + c)));
      List<Event> list = new ArrayList<>(perConnection);
      long now = System.currentTimeMillis() / 1000;
      for (int i = 0; i < perConnection; i++) {
        list.add(
            key.sign(
                new EventTemplate(
                    1,
                    List.of(List.of("t", "bench"), List.of("p", key.publicKey().hex())),
                    "bench event " + c + "/" + i + " " + System.nanoTime(),
                    now)));
      }
      events.add(list);
      TestSocket s = TestSocket.open(port, relay);
      s.auth(key);
      sockets.add(s);
    }
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      TestSocket s = sockets.get(c);
      List<Event> list = events.get(c);
      Semaphore window = new Semaphore(inFlight);
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < list.size(); i++) {
                      RelayMessage.Ok m = s.next(RelayMessage.Ok.class);
                      (m.accepted() ? ok : rejected).incrementAndGet();
                      window.release();
                    }
                  });
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (Event e : list) {
                      window.acquireUninterruptibly();
                      s.send(new ClientMessage.Publish(e));
                    }
                  });
      threads.add(reader);
      threads.add(writer);
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "%d connections x %d in flight: %d OK, %d rejected in %.2f s = %.0f events/s%n",
        connections, inFlight, ok.get(), rejected.get(), seconds, ok.get() / seconds);
    sockets.forEach(TestSocket::close);
  }
}
