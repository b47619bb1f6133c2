package org.hearth.nostr.client;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.nostr.message.RelayMessage;

/**
 * The client's state machine, confined to one loop thread: connect, reconnect with backoff, route
 * relay messages, authenticate. Public methods of {@link RelayClient} post work here.
 */
final class ClientCore implements WebSocketConnection.Handler, RequestTracker.Link {
  private final RelayClientConfig config;
  private final ScheduledExecutorService loop;
  private final Executor callbackExecutor;
  private final HttpClient http;
  private final Callbacks callbacks;
  private final Backoff backoff;
  private final RequestTracker requests;
  private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
  private volatile ConnectionState state = ConnectionState.NEW;

  // loop confined
  private boolean firstConnectDone;
  private WebSocketConnection connection;
  private boolean open;
  private AuthSession auth;
  private ScheduledFuture<?> timer;
  private int attempt;
  private long openedAt;
  private boolean everAuthenticated;

  ClientCore(
      RelayClientConfig config,
      ScheduledExecutorService loop,
      Executor callbackExecutor,
      HttpClient http,
      Callbacks callbacks,
      RandomGenerator random) {
    this.config = config;
    this.loop = loop;
    this.callbackExecutor = callbackExecutor;
    this.http = http;
    this.callbacks = callbacks;
    this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax(), random);
    this.requests = new RequestTracker(config, loop, callbacks, this);
  }

  ConnectionState state() {
    return state;
  }

  RequestTracker requests() {
    return requests;
  }

  /** Loop: starts connecting once; the future is the first connection's outcome. */
  CompletableFuture<Void> connect() {
    if (state == ConnectionState.NEW) {
      connectNow();
    }
    return firstConnect;
  }

  void publish(Event event, CompletableFuture<RelayMessage.Ok> out) {
    requests.publish(event, out);
  }

  void count(String id, List<Filter> filters, CompletableFuture<Long> out) {
    requests.count(id, filters, out);
  }

  /** Loop: authenticates on the current connection, for callers of the public API. */
  void authenticate(CompletableFuture<Void> out) {
    if (auth == null) {
      callbacks.fail(out, new RelayConnectException("not connected", null));
      return;
    }
    auth.authenticate()
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                callbacks.complete(out, null);
              } else {
                callbacks.fail(out, e);
              }
            });
  }

  private void connectNow() {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    setState(ConnectionState.CONNECTING);
    // room for every pending request twice (AUTH retries) plus REQs and CLOSEs
    int maxOutbox = 2 * config.maxPending() + 10_000;
    WebSocketConnection c = new WebSocketConnection(loop, this, config.maxFrameSize(), maxOutbox);
    connection = c;
    open = false;
    c.open(http, config.uri(), config.connectTimeout());
    timer =
        loop.schedule(
            () -> {
              if (connection == c && !open) {
                lost(c, "no websocket within " + config.connectTimeout().toMillis() + " ms", null);
              }
            },
            config.connectTimeout().toNanos(),
            TimeUnit.NANOSECONDS);
  }

  @Override
  public void opened(WebSocketConnection c) {
    if (c != connection || state == ConnectionState.CLOSED) {
      c.abort();
      return;
    }
    cancelTimer();
    open = true;
    openedAt = System.nanoTime();
    auth = new AuthSession(config, loop, callbackExecutor, c);
    setState(ConnectionState.CONNECTED);
    requests.resendAll();
    if (!firstConnectDone) {
      firstConnectDone = true;
      callbacks.complete(firstConnect, null);
    }
    if (config.signer().isPresent() && (config.eagerAuth() || everAuthenticated)) {
      auth.authenticate()
          .whenComplete(
              (v, e) -> {
                if (e != null && connection == c) {
                  callbacks.issue(new RelayIssue.AuthFailed(e.getMessage()));
                }
              });
    }
  }

  @Override
  public void text(WebSocketConnection c, String frame) {
    if (c != connection || !open) {
      return;
    }
    RelayMessage message;
    try {
      message = MessageCodec.decodeRelay(frame);
    } catch (RuntimeException e) { // DecodeException, or a codec bug: never crash the loop
      callbacks.issue(new RelayIssue.InvalidFrame(abbreviate(frame), e.getMessage()));
      return;
    }
    switch (message) {
      case RelayMessage.Delivery d -> requests.onDelivery(d);
      case RelayMessage.Ok ok -> {
        if (!auth.onOk(ok)) {
          requests.onOk(ok);
        } else if (ok.accepted()) {
          everAuthenticated = true;
        }
      }
      case RelayMessage.Eose e -> requests.onEose(e.subscriptionId());
      case RelayMessage.Closed closed -> requests.onClosed(closed);
      case RelayMessage.Notice n -> callbacks.issue(new RelayIssue.Notice(n.message()));
      case RelayMessage.AuthChallenge a -> auth.onChallenge(a.challenge());
      case RelayMessage.CountResult r -> requests.onCount(r);
    }
  }

  @Override
  public void issue(WebSocketConnection c, RelayIssue issue) {
    if (c == connection) {
      callbacks.issue(issue);
    }
  }

  @Override
  public void lost(WebSocketConnection c, String reason, Throwable cause) {
    if (c != connection) {
      c.abort();
      return;
    }
    if (open && System.nanoTime() - openedAt >= config.reconnectMax().toNanos()) {
      attempt = 0; // it was up for a while: start the backoff over; a flapping relay is not
    }
    connection = null;
    open = false;
    c.abort();
    cancelTimer();
    if (auth != null) {
      auth.connectionLost();
      auth = null;
    }
    if (state == ConnectionState.CLOSED) {
      return;
    }
    if (!firstConnectDone) {
      firstConnectDone = true;
      callbacks.fail(firstConnect, new RelayConnectException(reason, cause));
    }
    callbacks.issue(new RelayIssue.ConnectionLost(reason));
    setState(ConnectionState.BACKING_OFF);
    timer =
        loop.schedule(this::connectNow, backoff.delay(attempt++).toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean send(ClientMessage message) {
    return open && connection != null && connection.send(MessageCodec.encode(message));
  }

  @Override
  public CompletableFuture<Void> authenticate() {
    if (auth == null) {
      return CompletableFuture.failedFuture(new RelayConnectException("not connected", null));
    }
    return auth.authenticate();
  }

  @Override
  public Object connection() {
    return connection;
  }

  /** Loop: fails everything pending, closes the websocket; the stage ends when it is closed. */
  CompletableFuture<?> shutdown() {
    if (state == ConnectionState.CLOSED) {
      return CompletableFuture.completedFuture(null);
    }
    setState(ConnectionState.CLOSED);
    cancelTimer();
    ClientClosedException closed = new ClientClosedException("client closed");
    requests.failAll(closed);
    if (!firstConnectDone) {
      firstConnectDone = true;
      callbacks.fail(firstConnect, closed);
    }
    if (auth != null) {
      auth.connectionLost();
      auth = null;
    }
    WebSocketConnection c = connection;
    connection = null;
    open = false;
    return c == null ? CompletableFuture.completedFuture(null) : c.close();
  }

  private void setState(ConnectionState next) {
    ConnectionState previous = state;
    if (previous != next) {
      state = next;
      callbacks.state(previous, next);
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  static String abbreviate(String frame) {
    return frame.length() <= 200 ? frame : frame.substring(0, 200) + "...";
  }
}
