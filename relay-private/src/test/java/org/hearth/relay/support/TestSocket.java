package org.hearth.relay.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;
import org.hearth.nostr.nip42.Nip42;

/**
 * A raw websocket client for protocol tests: sends frames as they are (malformed ones too) and
 * hands back every relay frame decoded, in order. Waits are bounded (a missing answer fails the
 * test instead of hanging it), never asserted on.
 */
public final class TestSocket implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final WebSocket ws;
  private final String url;
  private final String challenge;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean paused =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean stalled =
      new java.util.concurrent.atomic.AtomicBoolean();

  private TestSocket(String url) {
    this.url = url;
    this.ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(url), new Listener())
            .join();
    RelayMessage first = next();
    if (!(first instanceof RelayMessage.AuthChallenge c)) {
      throw new AssertionError("expected an AUTH challenge first, got " + first);
    }
    this.challenge = c.challenge();
  }

  /** Connects to {@code ws://localhost:<port>/<relay>} and reads the AUTH challenge. */
  public static TestSocket open(int port, String relay) {
    return new TestSocket("ws://localhost:" + port + "/" + relay);
  }

  public String url() {
    return url;
  }

  public String challenge() {
    return challenge;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Stops reading from the socket (the relay's frames pile up in TCP buffers). */
  public void pause() {
    paused.set(true);
  }

  public void resume() {
    paused.set(false);
    if (stalled.getAndSet(false)) {
      ws.request(1);
    }
  }

  public void sendRaw(String frame) {
    ws.sendText(frame, true).join();
  }

  public void send(ClientMessage m) {
    sendRaw(MessageCodec.encode(m));
  }

  /** The next relay frame, decoded. */
  public RelayMessage next() {
    return MessageCodec.decodeRelay(nextRaw());
  }

  public String nextRaw() {
    try {
      String f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (f == null) {
        throw new AssertionError("no frame from the relay within " + WAIT);
      }
      return f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame if one arrives within {@code millis}, else null. */
  public RelayMessage poll(long millis) throws InterruptedException {
    String f = frames.poll(millis, TimeUnit.MILLISECONDS);
    return f == null ? null : MessageCodec.decodeRelay(f);
  }

  public <T extends RelayMessage> T next(Class<T> type) {
    RelayMessage m = next();
    if (!type.isInstance(m)) {
      throw new AssertionError("expected " + type.getSimpleName() + ", got " + m);
    }
    return type.cast(m);
  }

  /** Authenticates as {@code signer} for this socket's URL; returns the OK. */
  public RelayMessage.Ok auth(LocalSigner signer) {
    send(new ClientMessage.Auth(Nip42.authEvent(signer, url, challenge)));
    return next(RelayMessage.Ok.class);
  }

  public RelayMessage.Ok publish(Event e) {
    send(new ClientMessage.Publish(e));
    return next(RelayMessage.Ok.class);
  }

  /** REQ, then every stored event up to EOSE; fails on CLOSED. */
  public List<Event> req(String id, Filter... filters) {
    send(new ClientMessage.Req(id, List.of(filters)));
    List<Event> out = new ArrayList<>();
    while (true) {
      RelayMessage m = next();
      switch (m) {
        case RelayMessage.Delivery d -> out.add(d.event());
        case RelayMessage.Eose e -> {
          return out;
        }
        default -> throw new AssertionError("unexpected during REQ " + id + ": " + m);
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      ws.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      if (paused.get()) {
        stalled.set(true);
      } else {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed = true;
    }
  }
}
