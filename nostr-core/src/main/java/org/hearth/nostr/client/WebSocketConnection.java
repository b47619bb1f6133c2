package org.hearth.nostr.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One websocket attempt. Listener callbacks (HttpClient threads) only assemble text messages from
 * their fragments and hand them to the client loop; the next message is requested once the loop has
 * handled the previous one, so a fast relay cannot flood memory. Sends are queued and written one
 * at a time (java.net.http allows one outstanding send). Everything but the listener methods runs
 * on the loop.
 */
final class WebSocketConnection implements WebSocket.Listener {

  /** Told, on the loop, what happened to a connection. */
  interface Handler {
    void opened(WebSocketConnection connection);

    void text(WebSocketConnection connection, String message);

    void issue(WebSocketConnection connection, RelayIssue issue);

    void lost(WebSocketConnection connection, String reason, Throwable cause);
  }

  private final Executor loop;
  private final Handler handler;
  private final int maxFrameSize;
  private final int maxOutbox;

  // listener-thread confined (the WebSocket calls its listener sequentially)
  private StringBuilder partial = new StringBuilder();
  private long oversized = -1;
  private long binaryLength;

  // loop confined
  private final ArrayDeque<String> outbox = new ArrayDeque<>();
  private boolean sending;
  private boolean done;
  private CompletableFuture<WebSocket> opening;

  private volatile WebSocket socket;

  /**
   * @param maxOutbox bound on messages waiting to be written; a relay that stops reading past it is
   *     treated as a broken connection
   */
  WebSocketConnection(Executor loop, Handler handler, int maxFrameSize, int maxOutbox) {
    this.loop = loop;
    this.handler = handler;
    this.maxFrameSize = maxFrameSize;
    this.maxOutbox = maxOutbox;
  }

  /** Starts the opening handshake. */
  void open(HttpClient http, URI uri, Duration timeout) {
    opening = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, this);
    opening.whenComplete(
        (ws, error) -> {
          if (error != null) {
            post(() -> handler.lost(this, "connect failed: " + rootMessage(error), error));
          }
        });
  }

  /** Queues a text message; false once the connection is done. */
  boolean send(String message) {
    if (done || socket == null) {
      return false;
    }
    if (outbox.size() >= maxOutbox) {
      handler.lost(this, "more than " + maxOutbox + " messages waiting to be sent", null);
      return false;
    }
    outbox.add(message);
    if (!sending) {
      pump();
    }
    return true;
  }

  private void pump() {
    String next = outbox.poll();
    if (next == null || done) {
      sending = false;
      return;
    }
    sending = true;
    socket
        .sendText(next, true)
        .whenComplete(
            (ws, error) ->
                post(
                    () -> {
                      if (error != null) {
                        handler.lost(this, "send failed: " + rootMessage(error), error);
                      } else {
                        pump();
                      }
                    }));
  }

  /**
   * Sends a close frame, then drops the connection; the returned stage ends when the close frame is
   * out (or failed). The caller bounds the wait; the HttpClient's shutdown ends it in any case.
   */
  CompletableFuture<?> close() {
    done = true;
    outbox.clear();
    WebSocket ws = socket;
    if (ws == null) {
      if (opening != null) {
        opening.cancel(true);
      }
      return CompletableFuture.completedFuture(null);
    }
    return ws.sendClose(WebSocket.NORMAL_CLOSURE, "")
        .handle((w, e) -> null)
        .whenComplete((v, e) -> ws.abort());
  }

  /** Drops the connection at once, without a close frame. */
  void abort() {
    done = true;
    outbox.clear();
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    } else if (opening != null) {
      opening.cancel(true);
    }
  }

  boolean isDone() {
    return done;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    post(() -> handler.opened(this));
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (oversized >= 0) {
      oversized += data.length();
    } else if ((long) partial.length() + data.length() > maxFrameSize) {
      oversized = (long) partial.length() + data.length();
      partial = new StringBuilder();
    } else {
      partial.append(data);
    }
    if (!last) {
      webSocket.request(1);
      return null;
    }
    if (oversized >= 0) {
      RelayIssue issue = new RelayIssue.OversizedFrame(oversized, maxFrameSize);
      oversized = -1;
      post(() -> handler.issue(this, issue), webSocket);
    } else {
      String message = partial.toString();
      partial =
          partial.capacity() > 64 * 1024
              ? new StringBuilder()
              : partial.delete(0, partial.length());
      post(() -> handler.text(this, message), webSocket);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    binaryLength += data.remaining();
    if (!last) {
      webSocket.request(1);
      return null;
    }
    RelayIssue issue = new RelayIssue.BinaryFrame(binaryLength);
    binaryLength = 0;
    post(() -> handler.issue(this, issue), webSocket);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    post(() -> handler.lost(this, "closed by relay (" + statusCode + " " + reason + ")", null));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    post(() -> handler.lost(this, "websocket error: " + rootMessage(error), error));
  }

  /** Runs on the loop, then asks the websocket for the next message. */
  private void post(Runnable task, WebSocket webSocket) {
    post(
        () -> {
          try {
            task.run();
          } finally {
            webSocket.request(1);
          }
        });
  }

  private void post(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
    }
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
