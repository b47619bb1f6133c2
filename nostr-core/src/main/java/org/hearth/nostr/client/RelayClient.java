package org.hearth.nostr.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.RelayMessage;

/**
 * A Nostr relay client over one websocket (java.net.http; plain Java, also usable inside Quarkus:
 * pass a managed executor as {@link RelayClientBuilder#callbackExecutor}). Thread-safe.
 *
 * <ul>
 *   <li>Every operation is asynchronous and bounded by a timeout; the {@code *AndWait} helpers
 *       block (never call them from a callback or an event-loop thread).
 *   <li>NIP-42: the latest challenge is kept; with a {@link org.hearth.nostr.crypto.Signer} the
 *       client authenticates when a request comes back {@code auth-required:} (then sends it again,
 *       once per connection), eagerly if configured, and again after a reconnect once it has
 *       authenticated before.
 *   <li>A lost connection is reopened with exponential backoff and jitter. Open subscriptions are
 *       sent again (duplicates are dropped by event id, {@code onEose} is not repeated). Publishes
 *       and COUNTs still waiting are <b>retried</b> on the new connection (an event is idempotent:
 *       its id is its content); they fail only when their own timeout runs out.
 *   <li>Callbacks run on the callback executor, never on the websocket or loop thread; each
 *       subscription's callbacks run in order, bounded by {@code maxQueuedEvents}.
 * </ul>
 */
public final class RelayClient implements AutoCloseable {
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
  private static final Duration WAIT_MARGIN = Duration.ofSeconds(5);

  private final RelayClientConfig config;
  private final ClientThreads threads;
  private final ScheduledThreadPoolExecutor loop;
  private final ClientCore core;
  private final Callbacks callbacks;
  private final String idPrefix;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();

  RelayClient(
      RelayClientConfig config,
      Executor callbackExecutor,
      StateListener stateListener,
      IssueListener issueListener) {
    this.config = config;
    this.idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
    this.threads =
        new ClientThreads("nostr-relay-" + idPrefix, callbackExecutor, config.connectTimeout());
    this.loop = threads.loop;
    this.callbacks = new Callbacks(threads.callbacks, stateListener, issueListener);
    this.core =
        new ClientCore(
            config, loop, threads.callbacks, threads.http, callbacks, new SplittableRandom());
  }

  public static RelayClientBuilder builder(URI uri) {
    return new RelayClientBuilder(uri);
  }

  public RelayClientConfig config() {
    return config;
  }

  public ConnectionState state() {
    return core.state();
  }

  /**
   * Starts connecting (idempotent). The future completes when the first connection is open, or
   * fails with the first attempt's {@link RelayConnectException}; the client keeps retrying with
   * backoff either way until closed.
   */
  public CompletableFuture<Void> connect() {
    started.set(true);
    CompletableFuture<CompletableFuture<Void>> first = onLoop(out -> out.complete(core.connect()));
    return first.thenCompose(CompletableFuture::copy);
  }

  /** {@link #connect()} and wait for the first attempt's outcome. */
  public void connectAndWait() {
    await(connect(), config.connectTimeout());
  }

  /**
   * Sends the event; completes with the relay's OK (accepted or not: a rejection is a value, see
   * {@link RelayMessage.Ok#prefix()}). Fails with {@link RelayTimeoutException} after the OK
   * timeout, {@link AuthFailedException} when the relay wants AUTH and it failed, {@link
   * BackpressureException} when {@code maxPending} requests wait already.
   */
  public CompletableFuture<RelayMessage.Ok> publish(Event event) {
    Objects.requireNonNull(event, "event");
    requireStarted();
    return onLoop(out -> core.publish(event, out));
  }

  public RelayMessage.Ok publishAndWait(Event event) {
    return await(publish(event), config.okTimeout());
  }

  /** A REQ with a generated id. */
  public Subscription subscribe(List<Filter> filters, SubscriptionListener listener) {
    return subscribe(nextId(), filters, listener);
  }

  /**
   * A REQ with the given id (1 to 64 characters, not in use by this client). Stored events, then
   * {@code onEose}, then live events, until {@link Subscription#close()}.
   */
  public Subscription subscribe(String id, List<Filter> filters, SubscriptionListener listener) {
    return open(id, filters, listener, config.eoseTimeout());
  }

  /**
   * The stored events matching the filters: subscribes, collects until EOSE, closes. Fails with
   * {@link RelayTimeoutException} when EOSE does not come within {@code timeout}, {@link
   * RequestClosedException} when the relay refuses.
   */
  public CompletableFuture<List<Event>> query(List<Filter> filters, Duration timeout) {
    List<Event> stored = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean live = new AtomicBoolean();
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ClientClosedException("client is closed"));
    }
    Subscription sub =
        open(
            nextId(),
            filters,
            new SubscriptionListener() {
              @Override
              public void onEvent(Event event) {
                if (!live.get()) {
                  stored.add(event);
                }
              }

              @Override
              public void onEose() {
                live.set(true);
              }
            },
            timeout);
    return sub.eose().thenApply(v -> List.copyOf(stored)).whenComplete((v, e) -> sub.close());
  }

  public List<Event> queryAndWait(List<Filter> filters, Duration timeout) {
    return await(query(filters, timeout), timeout);
  }

  /** NIP-45 COUNT; fails with {@link RequestClosedException} when the relay refuses. */
  public CompletableFuture<Long> count(List<Filter> filters) {
    List<Filter> copy = checkFilters(filters);
    requireStarted();
    String id = nextId();
    return onLoop(out -> core.count(id, copy, out));
  }

  public long countAndWait(List<Filter> filters) {
    return await(count(filters), config.eoseTimeout());
  }

  /** NIP-42 now, on the current connection (with the latest challenge, or the next one). */
  public CompletableFuture<Void> authenticate() {
    requireStarted();
    return onLoop(core::authenticate);
  }

  /**
   * Fails everything pending with {@link ClientClosedException}, ends subscriptions, closes the
   * websocket and stops every thread the client started (waiting a few seconds at most).
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<Object> closing = new CompletableFuture<>();
    try {
      loop.execute(() -> core.shutdown().whenComplete((v, e) -> closing.complete(null)));
    } catch (RejectedExecutionException e) {
      closing.complete(null);
    }
    if (!threads.isOwnThread()) {
      try {
        closing.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // the HttpClient's shutdown aborts the websocket anyway
      }
    }
    threads.shutdown();
  }

  @Override
  public String toString() {
    return "RelayClient[" + config.uri() + ", " + state() + "]";
  }

  private ActiveSubscription open(
      String id, List<Filter> filters, SubscriptionListener listener, Duration eoseTimeout) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(eoseTimeout, "eoseTimeout");
    if (id.isEmpty() || id.length() > 64) {
      throw new IllegalArgumentException("a subscription id has 1 to 64 characters");
    }
    List<Filter> copy = checkFilters(filters);
    requireStarted();
    if (closed.get()) {
      throw new ClientClosedException("client is closed");
    }
    ActiveSubscription sub =
        new ActiveSubscription(
            id,
            copy,
            listener,
            eoseTimeout,
            callbacks.lane(config.maxQueuedEvents(), id),
            config.dedupWindow(),
            s -> onLoopQuietly(() -> core.requests().cancel(s)));
    if (!core.requests().reserve(sub)) {
      throw new IllegalArgumentException("subscription id " + id + " is already in use");
    }
    onLoop(out -> core.requests().register(sub))
        .whenComplete(
            (v, e) -> {
              if (e != null) { // closed meanwhile
                core.requests().abandon(sub, new ClientClosedException("client is closed"));
              }
            });
    return sub;
  }

  private static List<Filter> checkFilters(List<Filter> filters) {
    Objects.requireNonNull(filters, "filters");
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("at least one filter is needed");
    }
    return List.copyOf(filters);
  }

  private void requireStarted() {
    if (!started.get()) {
      throw new IllegalStateException("call connect() first");
    }
  }

  private String nextId() {
    return idPrefix + ":" + ids.incrementAndGet();
  }

  /** Runs on the loop; fails with {@link ClientClosedException} once closed. */
  private <T> CompletableFuture<T> onLoop(Consumer<CompletableFuture<T>> action) {
    CompletableFuture<T> out = new CompletableFuture<>();
    try {
      loop.execute(
          () -> {
            if (core.state() == ConnectionState.CLOSED) {
              out.completeExceptionally(new ClientClosedException("client is closed"));
            } else {
              action.accept(out);
            }
          });
    } catch (RejectedExecutionException e) {
      out.completeExceptionally(new ClientClosedException("client is closed"));
    }
    return out;
  }

  private void onLoopQuietly(Runnable task) {
    onLoop(out -> task.run());
  }

  private <T> T await(CompletableFuture<T> future, Duration timeout) {
    if (threads.isOwnThread()) {
      throw new IllegalStateException("blocking call on a client thread: use the async method");
    }
    Duration bound = timeout.plus(config.okTimeout()).plus(WAIT_MARGIN);
    try {
      return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new RelayClientException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new RelayTimeoutException("no answer (is the callback executor blocked?)", bound);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RelayClientException("interrupted", e);
    }
  }
}
