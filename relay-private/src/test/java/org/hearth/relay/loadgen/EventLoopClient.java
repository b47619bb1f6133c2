package org.hearth.relay.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.nip42.Nip42;

/**
 * One authenticated relay connection on its own Vert.x event loop, for the REQ benchmark: a frame
 * costs the client a Netty read and decode on the thread that read it (a {@code java.net.http}
 * websocket spends ~10 µs of CPU per frame, 5 ms for a 500-event answer, which the REQ→EOSE time
 * would otherwise include). Frames are recognised by their prefix, as in {@link LoadClient}.
 */
final class EventLoopClient implements AutoCloseable {
  private final Vertx vertx;
  private final io.vertx.core.Context context;
  private final ClientWebSocket ws;
  private volatile Consumer<String> onEvent = f -> {};
  private volatile Consumer<String> onEose = f -> {};

  private EventLoopClient(Vertx vertx, ClientWebSocket ws) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.ws = ws;
  }

  /**
   * Connects, authenticates as {@code signer} and returns once the relay accepted the AUTH; with a
   * null {@code signer}, returns once connected (a relay without NIP-42).
   */
  static EventLoopClient connect(String url, LocalSigner signer) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    ClientWebSocket ws =
        vertx
            .createWebSocketClient(
                new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20))
            .webSocket();
    EventLoopClient c = new EventLoopClient(vertx, ws);
    CompletableFuture<Void> authed = new CompletableFuture<>();
    ws.textMessageHandler(
        f -> {
          if (f.startsWith("[\"EVENT\"")) {
            c.onEvent.accept(f);
          } else if (f.startsWith("[\"EOSE\"")) {
            c.onEose.accept(f);
          } else if (f.startsWith("[\"AUTH\",\"")) {
            Event auth = Nip42.authEvent(signer, url, f.substring(9, f.indexOf('"', 9)));
            ws.writeTextMessage(MessageCodec.encode(new ClientMessage.Auth(auth)));
          } else if (f.startsWith("[\"OK\",") && !authed.isDone()) {
            if (f.contains(",true,")) {
              authed.complete(null);
            } else {
              authed.completeExceptionally(new IllegalStateException(f));
            }
          }
        });
    URI u = URI.create(url);
    ws.connect(u.getPort(), u.getHost(), u.getPath())
        .onFailure(authed::completeExceptionally)
        .onSuccess(
            w -> {
              if (signer == null) {
                authed.complete(null);
              }
            });
    authed.orTimeout(30, TimeUnit.SECONDS).join();
    return c;
  }

  /** Called with every {@code ["EVENT",…]} frame (raw, on the event loop). */
  void onEvent(Consumer<String> handler) {
    this.onEvent = handler;
  }

  /** Called with every {@code ["EOSE",…]} frame (raw, on the event loop). */
  void onEose(Consumer<String> handler) {
    this.onEose = handler;
  }

  void send(String frame) {
    ws.writeTextMessage(frame);
  }

  /**
   * Writes {@code frame} from the client's event loop, calling {@code written} with {@link
   * System#nanoTime()} just before the write there: the REQ→EOSE time then starts when the frame
   * leaves the client, not when another thread asked for it (one thread hop earlier).
   */
  void sendTimed(String frame, java.util.function.LongConsumer written) {
    context.runOnContext(
        v -> {
          written.accept(System.nanoTime());
          ws.writeTextMessage(frame);
        });
  }

  @Override
  public void close() {
    ws.close();
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
