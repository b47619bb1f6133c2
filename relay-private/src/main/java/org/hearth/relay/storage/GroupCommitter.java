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

  /** Stores {@code event} in {@code relay}; completes after the commit. */
  public Uni<StoreResult> store(String relay, Event event) {
    CompletableFuture<StoreResult> f = new CompletableFuture<>();
    queue.add(new PendingWrite(relay, event, f));
    kick();
    return Uni.createFrom().completionStage(f);
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
    writer
        .write(batch)
        .subscribe()
        .with(
            results -> {
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
              }
              runBatch();
            },
            err -> {
              LOG.warnf("batch of %d events failed: %s", batch.size(), err.toString());
              for (PendingWrite w : batch) {
                w.result().completeExceptionally(err);
              }
              runBatch();
            });
  }
}
