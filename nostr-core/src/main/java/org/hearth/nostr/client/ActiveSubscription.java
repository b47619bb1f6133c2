package org.hearth.nostr.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;

/**
 * A subscription's state. Fields marked loop-confined are touched only on the client loop; user
 * callbacks go through {@link #lane}, in order.
 */
final class ActiveSubscription implements Subscription {
  final String id;
  final List<Filter> filters;
  final SubscriptionListener listener;
  final Duration eoseTimeout;
  final SerialExecutor lane;
  private final Consumer<ActiveSubscription> closer;
  private final CompletableFuture<Void> eose = new CompletableFuture<>();
  private volatile boolean open = true;
  private volatile boolean cancelled;

  // loop confined
  private final Map<String, Boolean> seen;
  boolean registered;
  boolean eoseSeen;
  boolean authRetried;
  ScheduledFuture<?> eoseTimer;

  ActiveSubscription(
      String id,
      List<Filter> filters,
      SubscriptionListener listener,
      Duration eoseTimeout,
      SerialExecutor lane,
      int dedupWindow,
      Consumer<ActiveSubscription> closer) {
    this.id = id;
    this.filters = List.copyOf(filters);
    this.listener = listener;
    this.eoseTimeout = eoseTimeout;
    this.lane = lane;
    this.closer = closer;
    this.seen =
        new LinkedHashMap<>(64, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > dedupWindow;
          }
        };
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<Filter> filters() {
    return filters;
  }

  @Override
  public CompletableFuture<Void> eose() {
    return eose;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    if (open) {
      open = false;
      cancelled = true;
      closer.accept(this);
    }
  }

  /** True the first time this id is seen (within the dedup window). Loop only. */
  boolean firstSighting(String eventId) {
    return seen.put(eventId, Boolean.TRUE) == null;
  }

  /** Queues the event for the listener; false when the lane is full. Loop only. */
  boolean deliver(Event event) {
    return lane.offer(
        () -> {
          if (!cancelled) {
            listener.onEvent(event);
          }
        });
  }

  /** Loop only. */
  void endOfStoredEvents() {
    eoseSeen = true;
    cancelTimer();
    lane.execute(
        () -> {
          if (!cancelled) {
            listener.onEose();
          }
          eose.complete(null);
        });
  }

  /** The EOSE did not come in time; the subscription stays open. Loop only. */
  void eoseTimedOut() {
    lane.execute(
        () ->
            eose.completeExceptionally(
                new RelayTimeoutException("no EOSE for subscription " + id, eoseTimeout)));
  }

  /** Ended by the relay or the client's shutdown: queued events still run, then onClosed. */
  void end(String message, RuntimeException eoseError) {
    open = false;
    cancelTimer();
    lane.execute(
        () -> {
          eose.completeExceptionally(eoseError);
          if (!cancelled) {
            listener.onClosed(message);
          }
        });
  }

  /** Closed by the user: no more callbacks; an unfinished eose() fails. Loop only. */
  void cancelled() {
    cancelTimer();
    lane.execute(
        () ->
            eose.completeExceptionally(
                new ClientClosedException("subscription " + id + " closed")));
  }

  private void cancelTimer() {
    if (eoseTimer != null) {
      eoseTimer.cancel(false);
      eoseTimer = null;
    }
  }
}
