package org.hearth.relay.storage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearth.nostr.event.Event;
import org.hearth.relay.config.RelayConfig;
import org.jboss.logging.Logger;

/**
 * Group commit: events submitted while a transaction is running are gathered and written together
 * in the next one (at most {@code hearth.relay.storage.max-batch}). Each caller's Uni completes
 * only after its batch has committed, so {@code OK true} always means durable. One batch is in
 * flight at a time, which also serializes replaceable-event decisions.
 */
@ApplicationScoped
public class GroupCommitter {
  private static final Logger LOG = Logger.getLogger(GroupCommitter.class);
  private final EventWriter writer;
  private final int maxBatch;
  private final ConcurrentLinkedQueue<PendingWrite> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  public GroupCommitter(EventWriter writer, RelayConfig config) {
    this.writer = writer;
    this.maxBatch = config.storage().maxBatch();
  }

  /**
   * Stores {@code event} in {@code relay}; completes after the commit. Batches commit in submission
   * order, so when one write has completed every earlier one has too.
   */
  public CompletableFuture<StoreResult> submit(String relay, Event event) {
    CompletableFuture<StoreResult> f = new CompletableFuture<>();
    queue.add(new PendingWrite(relay, event, f));
    kick();
    return f;
  }

  /** {@link #submit} as a Uni. */
  public Uni<StoreResult> store(String relay, Event event) {
    return Uni.createFrom().completionStage(submit(relay, event));
  }

  private void kick() {
    if (running.compareAndSet(false, true)) {
      runBatch();
    }
  }

  private void runBatch() {
    List<PendingWrite> batch = new ArrayList<>();
    PendingWrite p;
    while (batch.size() < maxBatch && (p = queue.poll()) != null) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      running.set(false);
      if (!queue.isEmpty()) {
        kick();
      }
      return;
    }
    long t0 = System.nanoTime();
    writer
        .write(batch)
        .subscribe()
        .with(
            results -> {
              LOG.debugf(
                  "batch of %d committed in %d us", batch.size(), (System.nanoTime() - t0) / 1000);
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
              }
              runBatch();
            },
            err -> {
              if (batch.size() == 1) {
                LOG.warnf("storing %s failed: %s", batch.get(0).event().id(), err.toString());
                batch.get(0).result().completeExceptionally(err);
                runBatch();
              } else {
                LOG.warnf("batch of %d failed (%s); retrying one by one", batch.size(), err);
                retryOneByOne(batch, 0);
              }
            });
  }

  /** After a failed batch: each event in its own transaction, so one bad event fails alone. */
  private void retryOneByOne(List<PendingWrite> batch, int i) {
    if (i == batch.size()) {
      runBatch();
      return;
    }
    PendingWrite w = batch.get(i);
    writer
        .write(List.of(w))
        .subscribe()
        .with(
            results -> {
              w.result().complete(results.get(0));
              retryOneByOne(batch, i + 1);
            },
            err -> {
              w.result().completeExceptionally(err);
              retryOneByOne(batch, i + 1);
            });
  }
}
