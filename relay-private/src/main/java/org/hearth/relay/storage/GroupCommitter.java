package org.hearth.relay.storage;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hearth.nostr.event.Event;
import org.hearth.relay.config.RelayConfig;
import org.jboss.logging.Logger;

/**
 * Group commit: events submitted while transactions are running are gathered and written together
 * in the next one (at most {@code hearth.relay.storage.max-batch}). Each caller's future completes
 * only after its batch has committed, so {@code OK true} always means durable.
 *
 * <p>Up to {@code hearth.relay.storage.pipeline} batches are in flight at once (the next batch's
 * INSERTs run on another connection while the previous one commits), but only batches of plain
 * events: a batch holding a replaceable/addressable event or a deletion (kind 5), whose decisions
 * depend on what is already committed, starts only when nothing else is in flight and runs alone.
 * Concurrent plain batches are safe: the unique (relay, id) key makes a concurrent duplicate wait
 * and then report "duplicate". Results are handed out in submission order whatever order the
 * transactions commit in, so when one write has completed every earlier one has too.
 */
@Singleton // on the path of every EVENT: no client proxy lookup per call
public class GroupCommitter {
  private static final Logger LOG = Logger.getLogger(GroupCommitter.class);
  private final EventWriter writer;
  private final int maxBatch;
  private final int depth;
  private final ConcurrentLinkedQueue<PendingWrite> queue = new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();

  // guarded by lock
  private int inFlight;
  private int peakInFlight;
  private boolean exclusive;
  private CompletableFuture<Void> lastHandedOut = CompletableFuture.completedFuture(null);

  public GroupCommitter(EventWriter writer, RelayConfig config) {
    this.writer = writer;
    this.maxBatch = config.storage().maxBatch();
    this.depth = Math.max(1, config.storage().pipeline());
  }

  /**
   * Stores {@code event} in {@code relay}; completes after the commit. Completions happen in
   * submission order, so when one write has completed every earlier one has too.
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

  /** Most transactions that were in flight at once so far (for tests). */
  int peakInFlight() {
    synchronized (lock) {
      return peakInFlight;
    }
  }

  private void kick() {
    while (true) {
      List<PendingWrite> batch;
      CompletableFuture<Void> previous;
      CompletableFuture<Void> handedOut;
      synchronized (lock) {
        // most submits find every slot taken: check before allocating anything
        if (exclusive || inFlight >= depth || queue.isEmpty()) {
          return;
        }
        batch = new ArrayList<>();
        boolean alone = false;
        PendingWrite p;
        if (inFlight == 0) {
          while (batch.size() < maxBatch && (p = queue.poll()) != null) {
            batch.add(p);
            alone |= !p.plain();
          }
        } else {
          while (batch.size() < maxBatch && (p = queue.peek()) != null && p.plain()) {
            batch.add(queue.poll());
          }
        }
        if (batch.isEmpty()) {
          return;
        }
        exclusive = alone;
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        previous = lastHandedOut;
        handedOut = new CompletableFuture<>();
        lastHandedOut = handedOut;
      }
      write(batch, previous, handedOut);
    }
  }

  /** Writes one batch; hands out its results after {@code previous}'s, then frees its slot. */
  private void write(
      List<PendingWrite> batch,
      CompletableFuture<Void> previous,
      CompletableFuture<Void> handedOut) {
    long t0 = System.nanoTime();
    CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
    writer
        .write(batch)
        .subscribe()
        .with(
            results -> {
              LOG.debugf(
                  "batch of %d committed in %d us", batch.size(), (System.nanoTime() - t0) / 1000);
              List<Outcome> out = new ArrayList<>(batch.size());
              results.forEach(r -> out.add(new Outcome(r, null)));
              done.complete(out);
            },
            err -> {
              if (batch.size() == 1) {
                LOG.warnf("storing %s failed: %s", batch.get(0).event().id(), err.toString());
                done.complete(List.of(new Outcome(null, err)));
              } else {
                LOG.warnf("batch of %d failed (%s); retrying one by one", batch.size(), err);
                retryOneByOne(batch, 0, new ArrayList<>(), done);
              }
            });
    done.thenAcceptBoth(
        previous,
        (outcomes, v) -> {
          synchronized (lock) {
            inFlight--;
            exclusive = false;
          }
          for (int i = 0; i < batch.size(); i++) {
            outcomes.get(i).completeInto(batch.get(i).result());
          }
          handedOut.complete(null);
          kick();
        });
  }

  /** After a failed batch: each event in its own transaction, so one bad event fails alone. */
  private void retryOneByOne(
      List<PendingWrite> batch, int i, List<Outcome> out, CompletableFuture<List<Outcome>> done) {
    if (i == batch.size()) {
      done.complete(out);
      return;
    }
    writer
        .write(List.of(batch.get(i)))
        .subscribe()
        .with(
            results -> {
              out.add(new Outcome(results.get(0), null));
              retryOneByOne(batch, i + 1, out, done);
            },
            err -> {
              out.add(new Outcome(null, err));
              retryOneByOne(batch, i + 1, out, done);
            });
  }

  /** One event's result or failure, held until every earlier batch has handed out its own. */
  private record Outcome(StoreResult result, Throwable failure) {
    void completeInto(CompletableFuture<StoreResult> f) {
      if (failure == null) {
        f.complete(result);
      } else {
        f.completeExceptionally(failure);
      }
    }
  }
}
