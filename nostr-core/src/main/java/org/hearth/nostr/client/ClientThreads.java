package org.hearth.nostr.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread one client starts, named {@code <prefix>-loop|io|callback-N}, and their shutdown:
 * the loop that owns the protocol state, the HttpClient's pool and, unless the user supplied an
 * executor, two callback threads.
 */
final class ClientThreads {
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final String prefix;
  final ScheduledThreadPoolExecutor loop;
  final Executor callbacks;
  private final ExecutorService ownedCallbacks;
  private final ExecutorService io;
  final HttpClient http;

  ClientThreads(String prefix, Executor userCallbacks, Duration connectTimeout) {
    this.prefix = prefix;
    loop = new ScheduledThreadPoolExecutor(1, named("loop"));
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    if (userCallbacks == null) {
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("callback"));
      pool.allowCoreThreadTimeOut(true);
      ownedCallbacks = pool;
      callbacks = pool;
    } else {
      ownedCallbacks = null;
      callbacks = userCallbacks;
    }
    io = Executors.newCachedThreadPool(named("io"));
    http = HttpClient.newBuilder().executor(io).connectTimeout(connectTimeout).build();
  }

  /** True on the loop or an owned callback thread, where blocking on the client deadlocks. */
  boolean isOwnThread() {
    return Thread.currentThread().getName().startsWith(prefix);
  }

  /**
   * Stops everything (queued callbacks still run). Waits a few seconds at most for the threads to
   * end, unless called from one of them.
   */
  void shutdown() {
    loop.shutdown();
    http.shutdownNow();
    io.shutdownNow();
    if (ownedCallbacks != null) {
      ownedCallbacks.shutdown();
    }
    if (isOwnThread()) {
      return;
    }
    try {
      loop.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      io.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      http.awaitTermination(GRACE);
      if (ownedCallbacks != null) {
        ownedCallbacks.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ThreadFactory named(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + role + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
