package org.hearth.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.relay.loadgen.BenchDatabase;
import org.hearth.relay.loadgen.LoadClient;
import org.hearth.relay.loadgen.RelayProcess;
import org.hearth.relay.support.TcpProxy;
import org.hearth.relay.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged relay ({@code quarkus-run.jar}, child processes) on one PostgreSQL
 * database and the machine's RabbitMQ (127.0.0.1:5672), with {@code hearth.relay.fanout.mode=
 * rabbitmq} and an exchange unique to this run: events accepted on A reach live subscribers on B at
 * once, B applies its own access rules, and A's own subscribers see each event exactly once.
 */
class FanoutReplicasIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static BenchDatabase db;
  private static RelayProcess a;
  private static RelayProcess b;
  private static String exchange;

  @BeforeAll
  static void startReplicas() {
    db = BenchDatabase.create("hearth_fanout");
    exchange = "hearth.relay.test." + UUID.randomUUID();
    a = RelayProcess.start(RelayProcess.freePort(), env(exchange, "a"), List.of(), log("a"));
    b = RelayProcess.start(RelayProcess.freePort(), env(exchange, "b"), List.of(), log("b"));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {a, b, db}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  static Map<String, String> env(String exchange, String name) {
    // exchange: the static field, passed to keep the call sites explicit
    Map<String, String> env = new HashMap<>(db.relayEnv());
    env.put("HEARTH_RELAY_OWNER", TestKeys.hex(TestKeys.OWNER));
    env.put(
        "HEARTH_RELAY_MEMBERS",
        String.join(
            ",",
            TestKeys.hex(TestKeys.ALICE),
            TestKeys.hex(TestKeys.BOB),
            TestKeys.hex(TestKeys.CAROL)));
    env.put("HEARTH_RELAY_DATA_DIR", "target/fanout-" + name + "-data");
    env.put("HEARTH_RELAY_FANOUT_MODE", "rabbitmq");
    env.put("HEARTH_RELAY_FANOUT_EXCHANGE", exchange);
    env.put("HEARTH_RELAY_FANOUT_INSTANCE_ID", name + "-" + UUID.randomUUID());
    env.put("HEARTH_RELAY_FANOUT_RABBITMQ_HOST", "127.0.0.1");
    env.put("HEARTH_RELAY_FANOUT_RABBITMQ_PORT", "5672");
    env.put("HEARTH_RELAY_FANOUT_RABBITMQ_USERNAME", "guest");
    env.put("HEARTH_RELAY_FANOUT_RABBITMQ_PASSWORD", "guest");
    return env;
  }

  static Path log(String name) {
    return Path.of("target/fanout-replica-" + name + ".log");
  }

  /** A live subscriber: the ids of the events it got, in order, and a future per awaited id. */
  static final class Sub {
    final LoadClient client;
    final Queue<String> ids = new ConcurrentLinkedQueue<>();
    final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

    Sub(RelayProcess relay, LocalSigner as, String filter) throws Exception {
      client = LoadClient.connect(HTTP, relay.url("family"));
      if (as != null) {
        client.auth(as).get(10, TimeUnit.SECONDS);
      }
      CompletableFuture<Void> eose = new CompletableFuture<>();
      client.onEose(f -> eose.complete(null));
      client.onEvent(
          f -> {
            String id = LoadClient.eventId(f);
            ids.add(id);
            waiting.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(System.nanoTime());
          });
      client.send("[\"REQ\",\"live\"," + filter + "]");
      if (as != null && !as.equals(TestKeys.DAVE)) {
        eose.get(10, TimeUnit.SECONDS);
      } else {
        Thread.sleep(300); // a refused REQ answers CLOSED, not EOSE
      }
    }

    long arrival(String id) throws Exception {
      return waiting.computeIfAbsent(id, k -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
    }

    long count(String id) {
      return ids.stream().filter(id::equals).count();
    }
  }

  static LoadClient authed(RelayProcess relay, LocalSigner as) throws Exception {
    LoadClient c = LoadClient.connect(HTTP, relay.url("family"));
    assertThat(c.auth(as).get(10, TimeUnit.SECONDS).accepted()).isTrue();
    return c;
  }

  static void publish(LoadClient c, Event e) throws Exception {
    LoadClient.Ack ack =
        c.publish(e.id(), MessageCodec.encode(new ClientMessage.Publish(e)))
            .get(10, TimeUnit.SECONDS);
    assertThat(ack.accepted()).as(ack.frame()).isTrue();
  }

  @Test
  void eventsCrossReplicasOnceAndOnlyToThoseAllowed() throws Exception {
    String topic = UUID.randomUUID().toString();
    String filter = "{\"kinds\":[1,4,1059],\"#t\":[\"" + topic + "\"]}";
    Sub bobOnB = new Sub(b, TestKeys.BOB, filter);
    Sub carolOnB = new Sub(b, TestKeys.CAROL, filter);
    Sub daveOnB = new Sub(b, TestKeys.DAVE, filter); // not a member
    Sub anonOnB = new Sub(b, null, filter); // never authenticated
    Sub aliceOnA = new Sub(a, TestKeys.ALICE, filter);

    LoadClient alice = authed(a, TestKeys.ALICE);
    Event note = TestKeys.event(TestKeys.ALICE, 1, "hello from replica A", "t", topic);
    Event dmToBob =
        TestKeys.event(
            TestKeys.ALICE, 4, "ciphertext?iv=x", "p", TestKeys.hex(TestKeys.BOB), "t", topic);
    LocalSigner throwaway = new LocalSigner(PrivateKey.fromHex(randomHex()));
    Event wrapToBob =
        TestKeys.event(throwaway, 1059, "sealed", "p", TestKeys.hex(TestKeys.BOB), "t", topic);
    Event marker = TestKeys.event(TestKeys.ALICE, 1, "end of this run", "t", topic);

    long sent = System.nanoTime();
    publish(alice, note);
    long latencyMicros = (bobOnB.arrival(note.id()) - sent) / 1000;
    publish(alice, dmToBob);
    publish(alice, wrapToBob);
    publish(alice, marker);

    // B: every member gets the note; only Bob, the recipient, the DM and the wrap.
    for (Event e : List.of(note, dmToBob, wrapToBob, marker)) {
      bobOnB.arrival(e.id());
    }
    carolOnB.arrival(marker.id());
    assertThat(bobOnB.ids).containsExactly(note.id(), dmToBob.id(), wrapToBob.id(), marker.id());
    assertThat(carolOnB.ids).containsExactly(note.id(), marker.id());
    assertThat(daveOnB.ids).isEmpty();
    assertThat(anonOnB.ids).isEmpty();

    // A: each event exactly once, also after A's own copies came back from the broker.
    aliceOnA.arrival(marker.id());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (wellness(a).echoesIgnored() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(wellness(a).echoesIgnored()).isGreaterThanOrEqualTo(4);
    assertThat(aliceOnA.ids).containsExactly(note.id(), dmToBob.id(), marker.id());
    // Alice is the DM's author; the wrap is addressed to Bob only.
    assertThat(wellness(b).up()).isTrue();
    assertThat(wellness(b).body()).contains("\"received\"");

    // Latency, publish on A -> EVENT on B, vs. the same on A itself.
    List<Long> remote = new ArrayList<>();
    List<Long> local = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Event e = TestKeys.event(TestKeys.ALICE, 1, "timed " + i, "t", topic);
      long t0 = System.nanoTime();
      alice.send(MessageCodec.encode(new ClientMessage.Publish(e)));
      remote.add((bobOnB.arrival(e.id()) - t0) / 1000);
      local.add((aliceOnA.arrival(e.id()) - t0) / 1000);
    }
    remote.sort(null);
    local.sort(null);
    System.out.printf(
        "fan-out A -> B: first event %d us; next 20: median %d us on B, %d us on A (send to EVENT)%n",
        latencyMicros, remote.get(10), local.get(10));
    for (Sub s : List.of(bobOnB, carolOnB, daveOnB, anonOnB, aliceOnA)) {
      s.client.close();
    }
    alice.close();
  }

  @Test
  void brokerOutageKeepsLocalDeliveryAndReconnects() throws Exception {
    String topic = UUID.randomUUID().toString();
    String filter = "{\"kinds\":[1],\"#t\":[\"" + topic + "\"]}";
    try (TcpProxy proxy = new TcpProxy(RelayProcess.freePort(), "127.0.0.1", 5672)) {
      proxy.start();
      Map<String, String> env = env(exchange, "c");
      env.put("HEARTH_RELAY_FANOUT_RABBITMQ_PORT", Integer.toString(proxy.port()));
      env.put("HEARTH_RELAY_FANOUT_RABBITMQ_RECONNECT_INTERVAL_SECONDS", "1");
      try (RelayProcess c = RelayProcess.start(RelayProcess.freePort(), env, List.of(), log("c"))) {
        awaitWellness(c, true);
        Sub bobOnC = new Sub(c, TestKeys.BOB, filter);
        LoadClient aliceOnA = authed(a, TestKeys.ALICE);
        Event before = TestKeys.event(TestKeys.ALICE, 1, "before the outage", "t", topic);
        publish(aliceOnA, before);
        bobOnC.arrival(before.id());

        proxy.cut();
        awaitWellness(c, false);
        assertThat(status(c, "/q/health/ready")).as("still serving").isEqualTo(200);
        LoadClient aliceOnC = authed(c, TestKeys.ALICE);
        Event local = TestKeys.event(TestKeys.ALICE, 1, "during the outage, on C", "t", topic);
        publish(aliceOnC, local);
        bobOnC.arrival(local.id());

        proxy.start();
        awaitWellness(c, true);
        // After the reconnect (queue and binding declared again), A's events reach C again.
        boolean arrived = false;
        for (int i = 0; i < 15 && !arrived; i++) {
          Event after = TestKeys.event(TestKeys.ALICE, 1, "after the outage " + i, "t", topic);
          publish(aliceOnA, after);
          try {
            bobOnC
                .waiting
                .computeIfAbsent(after.id(), k -> new CompletableFuture<>())
                .get(2, TimeUnit.SECONDS);
            arrived = true;
          } catch (java.util.concurrent.TimeoutException e) {
            // not bound yet
          }
        }
        assertThat(arrived).as(c.logTail()).isTrue();
        aliceOnA.close();
        aliceOnC.close();
        bobOnC.client.close();
      }
    }
  }

  static void awaitWellness(RelayProcess r, boolean up) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Wellness w = wellness(r);
    while (w.up() != up && System.nanoTime() < deadline) {
      Thread.sleep(200);
      w = wellness(r);
    }
    assertThat(w.up()).as(w.body()).isEqualTo(up);
  }

  static int status(RelayProcess r, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  record Wellness(boolean up, String body) {
    long echoesIgnored() {
      int i = body.indexOf("\"echoes-ignored\":");
      if (i < 0) {
        return -1;
      }
      String rest = body.substring(i + 17).strip();
      return Long.parseLong(rest.replaceAll("^([0-9]+).*$", "$1").split("[^0-9]")[0]);
    }
  }

  static Wellness wellness(RelayProcess r) throws Exception {
    HttpResponse<String> res =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/q/health/well"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Wellness(res.statusCode() == 200, res.body());
  }

  static String randomHex() {
    byte[] b = new byte[32];
    new java.security.SecureRandom().nextBytes(b);
    b[0] = 0x01; // stay below the curve order
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
