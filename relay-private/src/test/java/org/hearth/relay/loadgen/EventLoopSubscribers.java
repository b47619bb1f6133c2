package org.hearth.relay.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.nip42.Nip42;

/**
 * Many subscriber connections on a few Vert.x (Netty) event-loop threads: the cheap client side of
 * the fan-out benchmark. {@code java.net.http} websockets cost ~10.8 µs of CPU per received frame
 * (a selector thread plus executor hand-offs per message, docs/benchmarks.md); here a frame is
 * decoded by Netty on the thread that read it and handed to the callback as it is. Each connection
 * authenticates (NIP-42), sends its REQ and waits for EOSE before {@link #open} returns.
 */
final class EventLoopSubscribers implements AutoCloseable {
  private final Vertx vertx;
  private final List<WebSocket> sockets = new ArrayList<>();

  private EventLoopSubscribers(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Opens {@code count} connections to {@code url} on {@code threads} event loops, authenticates
   * each as {@code signer} (none when null), sends {@code req} and returns once every one has its
   * EOSE. Every later {@code ["EVENT",…]} frame goes to {@code onEvent} (on an event-loop thread).
   */
  static EventLoopSubscribers open(
      String url, int count, int threads, LocalSigner signer, String req, Consumer<String> onEvent)
      throws InterruptedException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
    EventLoopSubscribers subs = new EventLoopSubscribers(vertx);
    URI u = URI.create(url);
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxConnections(count)
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20));
    CountDownLatch eosed = new CountDownLatch(count);
    AtomicInteger connected = new AtomicInteger();
    AtomicInteger challenged = new AtomicInteger();
    AtomicInteger authed = new AtomicInteger();
    List<CompletableFuture<Void>> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CompletableFuture<Void> ready = new CompletableFuture<>();
      opened.add(ready);
      // Handlers are set before connecting: the relay's AUTH challenge follows the upgrade at once.
      ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(
          frame -> {
            if (frame.startsWith("[\"EVENT\"")) {
              onEvent.accept(frame);
            } else if (frame.startsWith("[\"AUTH\",\"")) {
              challenged.incrementAndGet();
              String challenge = frame.substring(9, frame.indexOf('"', 9));
              Event auth = Nip42.authEvent(signer, url, challenge);
              ws.writeTextMessage(MessageCodec.encode(new ClientMessage.Auth(auth)));
            } else if (frame.startsWith("[\"OK\",")) {
              if (!frame.contains(",true,")) {
                ready.completeExceptionally(new IllegalStateException(frame));
              } else {
                authed.incrementAndGet();
                ws.writeTextMessage(req);
              }
            } else if (frame.startsWith("[\"EOSE\"")) {
              ready.complete(null);
              eosed.countDown();
            } else if (frame.startsWith("[\"CLOSED\"")) {
              ready.completeExceptionally(new IllegalStateException(frame));
            }
          });
      synchronized (subs.sockets) {
        subs.sockets.add(ws);
      }
      ws.connect(u.getPort(), u.getHost(), u.getPath())
          .onFailure(ready::completeExceptionally)
          .onSuccess(
              w -> {
                connected.incrementAndGet();
                if (signer == null) { // no NIP-42 (an attached relay): subscribe at once
                  ws.writeTextMessage(req);
                }
              });
      if (opened.size() % 50 == 0 || i == count - 1) { // 50 handshakes at a time
        try {
          CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new))
              .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          subs.close();
          throw new IllegalStateException(
              String.format(
                  "subscribers: %d of %d asked, %d connected, %d challenged, %d authenticated,"
                      + " %d with EOSE",
                  opened.size(),
                  count,
                  connected.get(),
                  challenged.get(),
                  authed.get(),
                  count - eosed.getCount()),
              e);
        }
      }
    }
    if (!eosed.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not every subscriber got EOSE");
    }
    return subs;
  }

  @Override
  public void close() {
    synchronized (sockets) {
      sockets.forEach(ws -> ws.close());
    }
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
