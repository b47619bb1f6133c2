package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.relay.support.TestKeys.ALICE;
import static org.hearth.relay.support.TestKeys.OWNER;
import static org.hearth.relay.support.TestKeys.event;
import static org.hearth.relay.support.TestKeys.hex;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.relay.support.PostgresTestResource;
import org.hearth.relay.support.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged relay ({@code java -jar quarkus-run.jar}) is killed with SIGKILL in the middle of a
 * load; after a restart on the same database every event it had acknowledged is there.
 */
class RelayCrashIT {
  private final PostgresTestResource db = new PostgresTestResource();
  private Map<String, String> urls;
  private Path dataDir;

  @BeforeEach
  void database() throws IOException {
    urls = db.start();
    dataDir = Files.createTempDirectory("hearth-crash");
  }

  @AfterEach
  void dropDatabase() {
    db.stop();
  }

  @Test
  void everyAcknowledgedEventSurvivesKillMinus9() throws Exception {
    int port = freePort();
    Process relay = start(port);
    String t = UUID.randomUUID().toString();
    int connections = 4;
    int perConnection = 1500;
    List<TestSocket> sockets = new ArrayList<>();
    List<List<Event>> events = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      List<Event> list = new ArrayList<>();
      for (int i = 0; i < perConnection; i++) {
        list.add(event(ALICE, 1, "crash " + c + "/" + i, "t", t));
      }
      events.add(list);
      TestSocket s = TestSocket.open(port, "family");
      s.auth(ALICE);
      sockets.add(s);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < perConnection; i++) {
      for (int c = 0; c < connections; c++) {
        sockets.get(c).send(new ClientMessage.Publish(events.get(c).get(i)));
      }
    }
    Set<String> acked = new HashSet<>();
    TestSocket first = sockets.get(0);
    while (acked.size() < perConnection / 3) {
      if (first.next() instanceof RelayMessage.Ok ok && ok.accepted()) {
        acked.add(ok.eventId());
      }
    }
    relay.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    for (TestSocket s : sockets) {
      RelayMessage m;
      while ((m = s.poll(200)) != null) {
        if (m instanceof RelayMessage.Ok ok && ok.accepted()) {
          acked.add(ok.eventId());
        }
      }
      s.close();
    }
    System.out.printf(
        "crash test: %d of %d events acknowledged before SIGKILL after %d ms%n",
        acked.size(), connections * perConnection, ms);
    assertThat(acked.size()).isGreaterThan(perConnection / 3 - 1);

    Process again = start(port);
    try (TestSocket s = TestSocket.open(port, "family")) {
      s.auth(ALICE);
      Set<String> found = new HashSet<>();
      List<String> ids = new ArrayList<>(acked);
      for (int from = 0; from < ids.size(); from += 400) {
        Set<String> chunk = Set.copyOf(ids.subList(from, Math.min(ids.size(), from + 400)));
        Filter f = new Filter(chunk, null, null, null, null, null, null, null);
        for (Event e : s.req("q" + from, f)) {
          found.add(e.id());
        }
        s.send(new ClientMessage.Close("q" + from));
      }
      assertThat(found).containsExactlyInAnyOrderElementsOf(acked);
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process start(int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(java, "-jar", System.getProperty("hearth.relay.jar"))
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("relay.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", urls.get("quarkus.datasource.reactive.url"));
    env.put("QUARKUS_DATASOURCE_JDBC_URL", urls.get("quarkus.datasource.jdbc.url"));
    env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
    env.put("HEARTH_RELAY_OWNER", hex(OWNER));
    env.put("HEARTH_RELAY_MEMBERS", hex(ALICE));
    env.put("HEARTH_RELAY_DATA_DIR", dataDir.toString());
    Process p = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
    for (int i = 0; i < 600; i++) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!p.isAlive()) {
        throw new AssertionError("relay exited: " + Files.readString(dataDir.resolve("relay.log")));
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError("relay not ready within 60 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
