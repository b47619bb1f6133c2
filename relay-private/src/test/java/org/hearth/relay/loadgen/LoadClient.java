package org.hearth.relay.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.nip42.Nip42;

/**
 * A lean asynchronous relay client for load: frames are recognised by their prefix (no JSON tree),
 * OKs complete the future of their event id, and EVENT/EOSE frames go to one callback each. Many
 * clients share one {@link HttpClient} (one selector thread).
 */
public final class LoadClient implements AutoCloseable {
  /** An OK: accepted or not, with the relay's message (for rejections). */
  public record Ack(boolean accepted, String frame) {}

  private final Map<String, CompletableFuture<Ack>> pendingOks = new ConcurrentHashMap<>();
  private final CompletableFuture<String> challenge = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final String url;
  private final WebSocket ws;
  private volatile Consumer<String> onEvent = f -> {};
  private volatile Consumer<String> onEose = f -> {};

  private LoadClient(HttpClient http, String url) {
    this.url = url;
    this.ws = http.newWebSocketBuilder().buildAsync(URI.create(url), new Listener()).join();
  }

  /** Connects and waits for the relay's AUTH challenge. */
  public static LoadClient connect(HttpClient http, String url) {
    LoadClient c = new LoadClient(http, url);
    c.challenge.orTimeout(30, TimeUnit.SECONDS).join();
    return c;
  }

  /**
   * Connects to {@code relay}; when it speaks NIP-42, waits for the challenge and authenticates as
   * {@code signer} (or not at all when {@code signer} is null).
   */
  public static LoadClient connect(
      HttpClient http, RelayProcess relay, String name, LocalSigner signer) {
    if (!relay.auth()) {
      return new LoadClient(http, relay.url(name));
    }
    LoadClient c = connect(http, relay.url(name));
    if (signer != null) {
      c.auth(signer).orTimeout(10, TimeUnit.SECONDS).join();
    }
    return c;
  }

  /** Opens {@code count} connections, 50 handshakes at a time. */
  public static java.util.List<LoadClient> connectMany(HttpClient http, String url, int count) {
    return connectMany(http, url, count, true);
  }

  /**
   * {@link #connectMany(HttpClient, String, int)}; {@code challenge} false: do not wait for one.
   */
  public static java.util.List<LoadClient> connectMany(
      HttpClient http, String url, int count, boolean challenge) {
    java.util.List<LoadClient> out = new java.util.ArrayList<>();
    java.util.List<CompletableFuture<LoadClient>> opening = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      opening.add(
          CompletableFuture.supplyAsync(
              () -> challenge ? connect(http, url) : new LoadClient(http, url)));
      if (opening.size() == 50 || i == count - 1) {
        opening.forEach(f -> out.add(f.join()));
        opening.clear();
      }
    }
    return out;
  }

  /** Answers the challenge as {@code signer}; completes with the OK. */
  public CompletableFuture<Ack> auth(LocalSigner signer) {
    Event e = Nip42.authEvent(signer, url, challenge.join());
    CompletableFuture<Ack> f = expectOk(e.id());
    send(MessageCodec.encode(new ClientMessage.Auth(e)));
    return f;
  }

  /** Sends a pre-encoded {@code ["EVENT",…]} frame; completes with its OK (or fails on close). */
  public CompletableFuture<Ack> publish(String eventId, String frame) {
    CompletableFuture<Ack> f = expectOk(eventId);
    send(frame);
    return f;
  }

  private CompletableFuture<Ack> expectOk(String id) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    pendingOks.put(id, f);
    if (closed.isDone()) {
      f.completeExceptionally(new IllegalStateException("connection closed"));
    }
    return f;
  }

  /** Called with every {@code ["EVENT",…]} frame (raw). */
  public void onEvent(Consumer<String> handler) {
    this.onEvent = handler;
  }

  /** Called with every {@code ["EOSE",…]} frame (raw). */
  public void onEose(Consumer<String> handler) {
    this.onEose = handler;
  }

  public synchronized void send(String frame) {
    ws.sendText(frame, true).join();
  }

  public CompletableFuture<Void> closed() {
    return closed;
  }

  @Override
  public void close() {
    ws.abort();
  }

  /** The event id in an {@code ["EVENT","sub",{…"id":"…"}]} frame. */
  public static String eventId(String frame) {
    int i = frame.indexOf("\"id\":\"");
    return i < 0 ? "" : frame.substring(i + 6, i + 70);
  }

  private void dispatch(String f) {
    if (f.startsWith("[\"EVENT\"")) {
      onEvent.accept(f);
    } else if (f.startsWith("[\"OK\",\"") && f.length() > 72) {
      CompletableFuture<Ack> p = pendingOks.remove(f.substring(7, 71));
      if (p != null) {
        p.complete(new Ack(f.startsWith("true", 73), f));
      }
    } else if (f.startsWith("[\"EOSE\"")) {
      onEose.accept(f);
    } else if (f.startsWith("[\"AUTH\",\"")) {
      challenge.complete(f.substring(9, f.indexOf('"', 9)));
    }
  }

  private void failAll() {
    closed.complete(null);
    challenge.completeExceptionally(new IllegalStateException("connection closed"));
    pendingOks.values().forEach(p -> p.completeExceptionally(new IllegalStateException("closed")));
    pendingOks.clear();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (last && partial.isEmpty()) {
        dispatch(data.toString());
      } else {
        partial.append(data);
        if (last) {
          dispatch(partial.toString());
          partial.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      failAll();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failAll();
    }
  }
}
