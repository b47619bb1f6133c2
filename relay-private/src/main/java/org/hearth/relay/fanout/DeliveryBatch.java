package org.hearth.relay.fanout;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The work one dispatch hands to connections' event loops, grouped by loop: a fan-out to 1,000
 * connections on 4 event loops becomes 4 tasks (each writing to and flushing its connections in
 * turn) instead of 1,000, and wakes each sleeping loop once instead of once per connection. Not
 * thread-safe: one dispatch fills it on one thread, then {@link #run}s it.
 */
public final class DeliveryBatch {
  private final Map<Executor, List<Runnable>> byLoop = new IdentityHashMap<>(8);

  /** Queues {@code task} to run on {@code loop} when the batch {@link #run}s. */
  public void defer(Executor loop, Runnable task) {
    byLoop.computeIfAbsent(loop, l -> new ArrayList<>()).add(task);
  }

  /** Hands every loop one task that runs its deferred tasks in the order they were deferred. */
  public void run() {
    for (Map.Entry<Executor, List<Runnable>> e : byLoop.entrySet()) {
      List<Runnable> tasks = e.getValue();
      if (tasks.size() == 1) {
        e.getKey().execute(tasks.get(0));
      } else {
        e.getKey().execute(() -> tasks.forEach(Runnable::run));
      }
    }
    byLoop.clear();
  }
}
