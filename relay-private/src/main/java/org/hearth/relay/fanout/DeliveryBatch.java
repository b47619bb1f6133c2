package org.hearth.relay.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The work one dispatch hands to connections' event loops, grouped by loop: a fan-out to 1,000
 * connections on 4 event loops becomes 4 tasks (each writing to and flushing its connections in
 * turn) instead of 1,000, and wakes each sleeping loop once instead of once per connection. Not
 * thread-safe: one dispatch fills it on one thread, then {@link #run}s it.
 *
 * <p>The loops are few (one per core or two), so a deferral finds its loop's list by a scan of
 * identities rather than a hash lookup.
 */
public final class DeliveryBatch {
  private final List<Executor> loops = new ArrayList<>(4);
  private final List<List<Runnable>> tasks = new ArrayList<>(4);

  /** Queues {@code task} to run on {@code loop} when the batch {@link #run}s. */
  public void defer(Executor loop, Runnable task) {
    for (int i = 0; i < loops.size(); i++) {
      if (loops.get(i) == loop) {
        tasks.get(i).add(task);
        return;
      }
    }
    List<Runnable> list = new ArrayList<>();
    list.add(task);
    loops.add(loop);
    tasks.add(list);
  }

  /** Hands every loop one task that runs its deferred tasks in the order they were deferred. */
  public void run() {
    for (int i = 0; i < loops.size(); i++) {
      List<Runnable> list = tasks.get(i);
      if (list.size() == 1) {
        loops.get(i).execute(list.get(0));
      } else {
        loops.get(i).execute(() -> runAll(list));
      }
    }
    loops.clear();
    tasks.clear();
  }

  private static void runAll(List<Runnable> list) {
    for (int i = 0, n = list.size(); i < n; i++) {
      list.get(i).run();
    }
  }
}
