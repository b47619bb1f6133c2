package org.hearth.nostr.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Hands everything user-visible to the callback executor, so user code never runs on the client's
 * loop or the websocket thread: listeners in order on one lane, futures completed off the loop.
 */
final class Callbacks {
  private static final Logger LOG = Logger.getLogger(Callbacks.class);

  /** Bound on queued state changes and issues; a relay spewing bad frames cannot fill memory. */
  static final int MAX_QUEUED_NOTES = 1024;

  private final Executor executor;
  private final SerialExecutor clientLane;
  private final StateListener stateListener;
  private final IssueListener issueListener;

  Callbacks(Executor executor, StateListener stateListener, IssueListener issueListener) {
    this.executor = executor;
    this.stateListener = stateListener;
    this.issueListener = issueListener == null ? Callbacks::log : issueListener;
    this.clientLane =
        new SerialExecutor(executor, MAX_QUEUED_NOTES, e -> LOG.warn("listener failed", e));
  }

  /** A new ordered lane for one subscription, bounded to {@code capacity} queued callbacks. */
  SerialExecutor lane(int capacity, String subscriptionId) {
    return new SerialExecutor(
        executor,
        capacity,
        e -> issue(new RelayIssue.CallbackFailed("subscription " + subscriptionId, e)));
  }

  void state(ConnectionState from, ConnectionState to) {
    clientLane.execute(() -> stateListener.onStateChange(from, to));
  }

  void issue(RelayIssue issue) {
    if (!clientLane.offer(() -> issueListener.onIssue(issue))) {
      LOG.debugf("issue dropped, %d already queued: %s", MAX_QUEUED_NOTES, issue);
    }
  }

  <T> void complete(CompletableFuture<T> future, T value) {
    run(() -> future.complete(value));
  }

  void fail(CompletableFuture<?> future, Throwable error) {
    run(() -> future.completeExceptionally(error));
  }

  /** Runs on the executor, or inline once the executor refuses work (after close). */
  void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private static void log(RelayIssue issue) {
    switch (issue) {
      case RelayIssue.CallbackFailed f -> LOG.warnf(f.error(), "callback failed: %s", f.where());
      case RelayIssue.Notice n -> LOG.infof("relay notice: %s", n.message());
      case RelayIssue.ConnectionLost c -> LOG.infof("relay connection lost: %s", c.reason());
      default -> LOG.warnf("relay client issue: %s", issue);
    }
  }
}
