package org.hearth.nostr.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.filter.Filter;
import org.hearth.nostr.message.ClientMessage;
import org.hearth.nostr.message.Prefix;
import org.hearth.nostr.message.RelayMessage;

/**
 * Publishes, COUNTs and subscriptions in flight, matched to the relay's answers. Loop-confined
 * except {@link #reserve}. A request the relay refuses with {@code auth-required:} authenticates
 * and is sent again once per connection; after a reconnect everything still open is sent again.
 */
final class RequestTracker {

  /** What the tracker needs from the connection. */
  interface Link {
    /** Sends on the current connection; false when there is none. */
    boolean send(ClientMessage message);

    /** NIP-42 on the current connection. */
    CompletableFuture<Void> authenticate();

    /** The current connection (identity only), or null. */
    Object connection();
  }

  private final RelayClientConfig config;
  private final ScheduledExecutorService loop;
  private final Callbacks callbacks;
  private final Link link;
  private final Map<String, PendingPublish> publishes = new LinkedHashMap<>();
  private final Map<String, PendingCount> counts = new LinkedHashMap<>();
  private final Map<String, ActiveSubscription> subscriptions = new ConcurrentHashMap<>();

  RequestTracker(
      RelayClientConfig config, ScheduledExecutorService loop, Callbacks callbacks, Link link) {
    this.config = config;
    this.loop = loop;
    this.callbacks = callbacks;
    this.link = link;
  }

  /** Claims a subscription id (any thread); false when it is taken. */
  boolean reserve(ActiveSubscription sub) {
    return subscriptions.putIfAbsent(sub.id, sub) == null;
  }

  void publish(Event event, CompletableFuture<RelayMessage.Ok> out) {
    PendingPublish pending = publishes.get(event.id());
    if (pending != null) {
      pending.waiters.add(out);
      return;
    }
    if (!roomFor(out)) {
      return;
    }
    PendingPublish p = new PendingPublish(event);
    p.waiters.add(out);
    p.timer =
        schedule(
            () ->
                failPublish(
                    p,
                    new RelayTimeoutException("no OK for event " + event.id(), config.okTimeout())),
            config.okTimeout());
    publishes.put(event.id(), p);
    link.send(new ClientMessage.Publish(event));
  }

  void count(String id, List<Filter> filters, CompletableFuture<Long> out) {
    if (!roomFor(out)) {
      return;
    }
    PendingCount c = new PendingCount(id, filters, out);
    c.timer =
        schedule(
            () ->
                failCount(
                    c,
                    new RelayTimeoutException("no COUNT answer for " + id, config.eoseTimeout())),
            config.eoseTimeout());
    counts.put(id, c);
    link.send(new ClientMessage.Count(id, c.filters));
  }

  void register(ActiveSubscription sub) {
    if (subscriptions.get(sub.id) != sub) {
      return;
    }
    sub.registered = true;
    sub.eoseTimer =
        schedule(
            () -> {
              if (!sub.eoseSeen && subscriptions.get(sub.id) == sub) {
                sub.eoseTimedOut();
              }
            },
            sub.eoseTimeout);
    link.send(new ClientMessage.Req(sub.id, sub.filters));
  }

  /** A subscription that could not be registered because the client closed (any thread). */
  void abandon(ActiveSubscription sub, RelayClientException error) {
    if (subscriptions.remove(sub.id, sub)) {
      sub.end("error: " + error.getMessage(), error);
    }
  }

  void cancel(ActiveSubscription sub) {
    if (subscriptions.remove(sub.id, sub)) {
      sub.cancelled();
      link.send(new ClientMessage.Close(sub.id));
    }
  }

  /** A fresh connection: send everything still open again, with a new auth retry each. */
  void resendAll() {
    for (ActiveSubscription sub : subscriptions.values()) {
      if (sub.registered) { // reserved but not registered yet: register() sends it
        sub.authRetried = false;
        link.send(new ClientMessage.Req(sub.id, sub.filters));
      }
    }
    for (PendingPublish p : publishes.values()) {
      p.authRetried = false;
      link.send(new ClientMessage.Publish(p.event));
    }
    for (PendingCount c : counts.values()) {
      c.authRetried = false;
      link.send(new ClientMessage.Count(c.id, c.filters));
    }
  }

  void onOk(RelayMessage.Ok ok) {
    PendingPublish p = publishes.get(ok.eventId());
    if (p == null) {
      callbacks.issue(new RelayIssue.Unexpected("OK for unknown event " + ok.eventId()));
      return;
    }
    if (!p.authRetried && wantsAuth(ok.prefix())) {
      p.authRetried = true;
      retryAfterAuth(
          () -> publishes.get(p.event.id()) == p,
          () -> link.send(new ClientMessage.Publish(p.event)),
          error -> failPublish(p, error));
      return;
    }
    if (publishes.remove(ok.eventId(), p)) {
      p.timer.cancel(false);
      p.waiters.forEach(w -> callbacks.complete(w, ok));
    }
  }

  void onCount(RelayMessage.CountResult result) {
    PendingCount c = counts.remove(result.subscriptionId());
    if (c == null) {
      callbacks.issue(new RelayIssue.Unexpected("COUNT for unknown id " + result.subscriptionId()));
      return;
    }
    c.timer.cancel(false);
    callbacks.complete(c.future, result.count());
  }

  void onDelivery(RelayMessage.Delivery delivery) {
    ActiveSubscription sub = subscriptions.get(delivery.subscriptionId());
    if (sub == null) {
      return; // normal right after CLOSE
    }
    Event event = delivery.event();
    if (config.verifySignatures()) {
      try {
        event.validate();
      } catch (RuntimeException e) {
        callbacks.issue(new RelayIssue.InvalidEvent(sub.id, event.id(), e.getMessage()));
        return;
      }
    }
    if (sub.firstSighting(event.id()) && !sub.deliver(event)) {
      callbacks.issue(new RelayIssue.Overflow(sub.id, config.maxQueuedEvents()));
      subscriptions.remove(sub.id, sub);
      link.send(new ClientMessage.Close(sub.id));
      String why = "error: more than " + config.maxQueuedEvents() + " events queued";
      sub.end(why, new RelayClientException("subscription " + sub.id + " overflowed"));
    }
  }

  void onEose(String id) {
    ActiveSubscription sub = subscriptions.get(id);
    if (sub != null && !sub.eoseSeen) {
      sub.endOfStoredEvents();
    }
  }

  void onClosed(RelayMessage.Closed closed) {
    String id = closed.subscriptionId();
    PendingCount c = counts.get(id);
    if (c != null) {
      if (!c.authRetried && wantsAuth(closed.prefix())) {
        c.authRetried = true;
        retryAfterAuth(
            () -> counts.get(id) == c,
            () -> link.send(new ClientMessage.Count(id, c.filters)),
            error -> failCount(c, error));
      } else {
        failCount(c, new RequestClosedException(id, closed.message()));
      }
      return;
    }
    ActiveSubscription sub = subscriptions.get(id);
    if (sub == null) {
      return;
    }
    if (!sub.authRetried && wantsAuth(closed.prefix())) {
      sub.authRetried = true;
      retryAfterAuth(
          () -> subscriptions.get(id) == sub,
          () -> link.send(new ClientMessage.Req(id, sub.filters)),
          error -> endSubscription(sub, closed.message() + " (" + error.getMessage() + ")"));
      return;
    }
    endSubscription(sub, closed.message());
  }

  /** Client shutdown: fail and end everything. */
  void failAll(RelayClientException error) {
    for (PendingPublish p : new ArrayList<>(publishes.values())) {
      failPublish(p, error);
    }
    for (PendingCount c : new ArrayList<>(counts.values())) {
      failCount(c, error);
    }
    for (ActiveSubscription sub : new ArrayList<>(subscriptions.values())) {
      subscriptions.remove(sub.id, sub);
      sub.end("error: " + error.getMessage(), error);
    }
  }

  private void endSubscription(ActiveSubscription sub, String message) {
    if (subscriptions.remove(sub.id, sub)) {
      sub.end(message, new RequestClosedException(sub.id, message));
    }
  }

  private boolean wantsAuth(Optional<Prefix> prefix) {
    return prefix.orElse(null) == Prefix.AUTH_REQUIRED && config.signer().isPresent();
  }

  /**
   * Authenticates, then resends if the request is still waiting on the same connection. A lost
   * connection is not a failure: the reconnect resends everything anyway.
   */
  private void retryAfterAuth(
      java.util.function.BooleanSupplier stillWaiting,
      Runnable resend,
      Consumer<RelayClientException> fail) {
    Object connection = link.connection();
    link.authenticate()
        .whenComplete(
            (ok, error) -> {
              if (link.connection() != connection || !stillWaiting.getAsBoolean()) {
                return;
              }
              if (error == null) {
                resend.run();
                return;
              }
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (!(cause instanceof RelayConnectException)) {
                fail.accept(
                    cause instanceof RelayClientException rce
                        ? rce
                        : new AuthFailedException("AUTH failed: " + cause));
              }
            });
  }

  private boolean roomFor(CompletableFuture<?> out) {
    if (publishes.size() + counts.size() < config.maxPending()) {
      return true;
    }
    callbacks.fail(
        out,
        new BackpressureException(config.maxPending() + " requests already wait for the relay"));
    return false;
  }

  private void failPublish(PendingPublish p, RelayClientException error) {
    if (publishes.remove(p.event.id(), p)) {
      p.timer.cancel(false);
      p.waiters.forEach(w -> callbacks.fail(w, error));
    }
  }

  private void failCount(PendingCount c, RelayClientException error) {
    if (counts.remove(c.id, c)) {
      c.timer.cancel(false);
      callbacks.fail(c.future, error);
    }
  }

  private java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, java.time.Duration d) {
    return loop.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
  }
}
