package org.hearth.nostr.client;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.nostr.DecodeException;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip42.AuthResult;
import org.hearth.nostr.nip42.AuthVerifier;

/**
 * A small scriptable relay over real websockets (Vert.x): AUTH challenges, optional auth-required
 * for EVENT and REQ/COUNT, OK, stored events with EOSE then live fan-out, COUNT, dropping
 * connections, and raw or fragmented frames on demand. Knobs are volatile: set them before acting.
 */
final class TestRelay implements AutoCloseable {
  volatile boolean sendChallenge = true;
  volatile boolean requireAuthForEvent;
  volatile boolean requireAuthForReq;
  volatile boolean rejectAuth;

  /** Never answer EVENT, REQ, COUNT or AUTH. */
  volatile boolean silent;

  /** When set, every EVENT is answered {@code OK false} with this message. */
  volatile String rejectEventsWith;

  /** Deliver stored and live events split into text frames of this many characters (0: whole). */
  volatile int fragmentSize;

  final List<Event> stored = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> storedIds = ConcurrentHashMap.newKeySet();
  final Queue<ClientMessage> received = new ConcurrentLinkedQueue<>();
  final AtomicInteger connectionsOpened = new AtomicInteger();
  final AtomicInteger authsAccepted = new AtomicInteger();

  private final AuthVerifier verifier = new AuthVerifier();
  private final Vertx vertx;
  private final HttpServer server;
  private final Set<Conn> connections = ConcurrentHashMap.newKeySet();

  private TestRelay(int port) throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
            .webSocketHandler(this::accept);
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static TestRelay start() throws Exception {
    return new TestRelay(0);
  }

  static TestRelay startOn(int port) throws Exception {
    return new TestRelay(port);
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + server.actualPort() + "/");
  }

  int port() {
    return server.actualPort();
  }

  /** Closes every connection with 1001 "going away", as a restarting relay would. */
  void dropConnections() {
    for (Conn c : connections) {
      c.ws.close((short) 1001, "going away");
    }
  }

  /** Sends a raw text frame to every connection. */
  void sendRaw(String frame) {
    for (Conn c : connections) {
      c.ws.writeTextMessage(frame);
    }
  }

  /** Stores the event and fans it out to matching subscriptions, without any checks. */
  void inject(Event e) {
    if (storedIds.add(e.id())) {
      stored.add(e);
    }
    fanOut(e);
  }

  /** Sends the event to every subscription of every connection, whatever its filters. */
  void deliverToAll(Event e) {
    for (Conn c : connections) {
      c.subs.keySet().forEach(id -> c.deliver(id, e));
    }
  }

  private void fanOut(Event e) {
    for (Conn c : connections) {
      c.subs.forEach(
          (id, filters) -> {
            if (filters.stream().anyMatch(f -> f.matches(e))) {
              c.deliver(id, e);
            }
          });
    }
  }

  private void accept(ServerWebSocket ws) {
    Conn c = new Conn(ws);
    connections.add(c);
    connectionsOpened.incrementAndGet();
    ws.closeHandler(v -> connections.remove(c));
    ws.textMessageHandler(c::handle);
    if (sendChallenge) {
      c.send(new RelayMessage.AuthChallenge(c.challenge));
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private final class Conn {
    final ServerWebSocket ws;
    final String challenge = UUID.randomUUID().toString();
    final Map<String, List<Filter>> subs = new ConcurrentHashMap<>();
    volatile String authed;

    Conn(ServerWebSocket ws) {
      this.ws = ws;
    }

    void handle(String frame) {
      ClientMessage m;
      try {
        m = MessageCodec.decodeClient(frame);
      } catch (DecodeException e) {
        send(new RelayMessage.Notice("invalid: " + e.getMessage()));
        return;
      }
      received.add(m);
      if (silent) {
        return;
      }
      switch (m) {
        case ClientMessage.Publish p -> publish(p.event());
        case ClientMessage.Req r -> req(r);
        case ClientMessage.Close cl -> subs.remove(cl.subscriptionId());
        case ClientMessage.Auth a -> auth(a.event());
        case ClientMessage.Count cnt -> count(cnt);
      }
    }

    private void publish(Event e) {
      if (!e.verify()) {
        send(RelayMessage.Ok.rejected(e.id(), Prefix.INVALID, "bad id or signature"));
      } else if (requireAuthForEvent && authed == null) {
        send(RelayMessage.Ok.rejected(e.id(), Prefix.AUTH_REQUIRED, "we only accept members"));
      } else if (rejectEventsWith != null) {
        send(new RelayMessage.Ok(e.id(), false, rejectEventsWith));
      } else if (storedIds.contains(e.id())) {
        send(new RelayMessage.Ok(e.id(), true, "duplicate: already have it"));
      } else {
        send(RelayMessage.Ok.accepted(e.id()));
        inject(e);
      }
    }

    private void req(ClientMessage.Req r) {
      if (requireAuthForReq && authed == null) {
        send(new RelayMessage.Closed(r.subscriptionId(), "auth-required: members only"));
        return;
      }
      subs.put(r.subscriptionId(), r.filters());
      for (Event e : new ArrayList<>(stored)) {
        if (r.filters().stream().anyMatch(f -> f.matches(e))) {
          deliver(r.subscriptionId(), e);
        }
      }
      send(new RelayMessage.Eose(r.subscriptionId()));
    }

    private void count(ClientMessage.Count cnt) {
      if (requireAuthForReq && authed == null) {
        send(new RelayMessage.Closed(cnt.subscriptionId(), "auth-required: members only"));
        return;
      }
      long n =
          new ArrayList<>(stored)
              .stream().filter(e -> cnt.filters().stream().anyMatch(f -> f.matches(e))).count();
      send(new RelayMessage.CountResult(cnt.subscriptionId(), n, false));
    }

    private void auth(Event e) {
      boolean ok =
          !rejectAuth && verifier.verify(e, challenge, uri().toString()) instanceof AuthResult.Ok;
      if (ok) {
        authed = e.pubkey();
        authsAccepted.incrementAndGet();
        send(RelayMessage.Ok.accepted(e.id()));
      } else {
        send(RelayMessage.Ok.rejected(e.id(), Prefix.RESTRICTED, "bad AUTH"));
      }
    }

    void deliver(String subId, Event e) {
      send(new RelayMessage.Delivery(subId, e));
    }

    void send(RelayMessage m) {
      String text = MessageCodec.encode(m);
      int size = fragmentSize;
      if (size <= 0 || text.length() <= size) {
        ws.writeTextMessage(text);
        return;
      }
      for (int i = 0; i < text.length(); i += size) {
        String part = text.substring(i, Math.min(text.length(), i + size));
        boolean last = i + size >= text.length();
        ws.writeFrame(
            i == 0
                ? WebSocketFrame.textFrame(part, last)
                : WebSocketFrame.continuationFrame(Buffer.buffer(part), last));
      }
    }
  }
}
