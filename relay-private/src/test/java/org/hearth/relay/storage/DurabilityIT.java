package org.hearth.relay.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.relay.loadgen.BenchDatabase;
import org.hearth.relay.loadgen.LoadClient;
import org.hearth.relay.loadgen.RelayProcess;
import org.hearth.relay.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * {@code OK true} means durable: the packaged relay ({@code quarkus-run.jar}, a child process on a
 * fresh database) takes concurrent EVENTs over 4 connections with 32 in flight each, is killed with
 * SIGKILL in the middle of the load, restarts on the same database, and must have every event it
 * acknowledged.
 */
class DurabilityIT {
  private static final int CONNECTIONS = 4;
  private static final int IN_FLIGHT = 32;
  private static final int EVENTS_PER_CONNECTION = 5_000;
  private static final int KILL_AFTER_ACKS = 3_000;

  @Test
  void everyAcknowledgedEventSurvivesKillNine() throws Exception {
    LocalSigner alice = TestKeys.ALICE;
    List<List<Event>> work = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < EVENTS_PER_CONNECTION; i++) {
        events.add(
            alice.sign(
                EventTemplate.of(1, List.of(List.of("t", "durability")), "event " + c + "/" + i)));
      }
      work.add(events);
    }
    Set<String> acked = ConcurrentHashMap.newKeySet();
    Path log = Path.of("target/durability-relay.log");
    try (BenchDatabase db = BenchDatabase.create("hearth_durability")) {
      Map<String, String> env = new java.util.HashMap<>(db.relayEnv());
      env.put("HEARTH_RELAY_OWNER", TestKeys.hex(TestKeys.OWNER));
      env.put("HEARTH_RELAY_MEMBERS", TestKeys.hex(alice));
      env.put("HEARTH_RELAY_DATA_DIR", "target/durability-data");
      int port = RelayProcess.freePort();
      HttpClient http = HttpClient.newHttpClient();
      AtomicBoolean killed = new AtomicBoolean();
      int sent;
      try (RelayProcess relay = RelayProcess.start(port, env, List.of(), log)) {
        List<Thread> senders = new ArrayList<>();
        int[] sentBy = new int[CONNECTIONS];
        for (int c = 0; c < CONNECTIONS; c++) {
          LoadClient client = LoadClient.connect(http, relay.url("family"));
          assertThat(client.auth(alice).get(10, TimeUnit.SECONDS).accepted()).isTrue();
          List<Event> events = work.get(c);
          int conn = c;
          senders.add(
              Thread.ofPlatform().start(() -> sentBy[conn] = send(client, events, acked, killed)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acked.size() < KILL_AFTER_ACKS && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        killed.set(true);
        relay.kill9();
        for (Thread t : senders) {
          t.join(30_000);
        }
        sent = java.util.Arrays.stream(sentBy).sum();
      }
      int ackedAtKill = acked.size();
      assertThat(ackedAtKill).as(log.toString()).isGreaterThanOrEqualTo(KILL_AFTER_ACKS);
      assertThat(sent).as("the kill came mid-load").isLessThan(CONNECTIONS * EVENTS_PER_CONNECTION);

      try (RelayProcess restarted = RelayProcess.start(port, env, List.of(), log)) {
        Set<String> stored = storedIds(db, acked);
        Set<String> lost = new HashSet<>(acked);
        lost.removeAll(stored);
        assertThat(lost)
            .as("acknowledged but lost after kill -9 (%d acked)", ackedAtKill)
            .isEmpty();
        LoadClient reader = LoadClient.connect(http, restarted.url("family"));
        assertThat(reader.auth(alice).get(10, TimeUnit.SECONDS).accepted()).isTrue();
        String anyAcked = acked.iterator().next();
        java.util.concurrent.CompletableFuture<String> got =
            new java.util.concurrent.CompletableFuture<>();
        reader.onEvent(f -> got.complete(LoadClient.eventId(f)));
        reader.send("[\"REQ\",\"d\",{\"ids\":[\"" + anyAcked + "\"]}]");
        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo(anyAcked);
        reader.close();
      }
    }
  }

  /** Sends with at most IN_FLIGHT unanswered; returns how many were sent before the kill. */
  private static int send(
      LoadClient client, List<Event> events, Set<String> acked, AtomicBoolean killed) {
    Semaphore window = new Semaphore(IN_FLIGHT);
    int sent = 0;
    for (Event e : events) {
      try {
        while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          if (killed.get() || client.closed().isDone()) {
            return sent;
          }
        }
        if (client.closed().isDone()) {
          return sent;
        }
        client
            .publish(e.id(), MessageCodec.encode(new ClientMessage.Publish(e)))
            .whenComplete(
                (ack, err) -> {
                  if (ack != null && ack.accepted()) {
                    acked.add(e.id());
                  }
                  window.release();
                });
        sent++;
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return sent;
      } catch (RuntimeException ex) {
        return sent; // the socket died with the relay
      }
    }
    return sent;
  }

  private static Set<String> storedIds(BenchDatabase db, Set<String> ids) throws Exception {
    Set<String> stored = new HashSet<>();
    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement("SELECT id FROM event WHERE relay = 'family' AND id = ANY(?)")) {
      st.setArray(1, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    return stored;
  }
}
