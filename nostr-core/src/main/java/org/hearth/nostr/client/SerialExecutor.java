package org.hearth.nostr.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: one lane per subscription
 * keeps its callbacks ordered without a thread of its own. {@link #offer} is bounded.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = Logger.getLogger(SerialExecutor.class);
  private static final int BATCH = 256;

  private final Executor delegate;
  private final int capacity;
  private final Consumer<Throwable> onFailure;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  SerialExecutor(Executor delegate, int capacity, Consumer<Throwable> onFailure) {
    this.delegate = delegate;
    this.capacity = capacity;
    this.onFailure = onFailure;
  }

  /** Queues the task unless {@code capacity} tasks are already waiting. */
  boolean offer(Runnable task) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return false;
    }
    tasks.add(task);
    schedule();
    return true;
  }

  /** Queues the task regardless of the bound (for the few terminal callbacks). */
  @Override
  public void execute(Runnable task) {
    size.incrementAndGet();
    tasks.add(task);
    schedule();
  }

  private void schedule() {
    if (!scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      scheduled.set(false);
      int dropped = size.getAndSet(0);
      tasks.clear();
      LOG.debugf("callback executor rejected work; %d callbacks dropped", dropped);
    }
  }

  private void drain() {
    try {
      Runnable task;
      int n = 0;
      while (n++ < BATCH && (task = tasks.poll()) != null) {
        size.decrementAndGet();
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          onFailure.accept(e);
        }
      }
    } finally {
      scheduled.set(false);
      if (!tasks.isEmpty()) {
        schedule();
      }
    }
  }
}
