package org.hearth.assistant.dm;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code perMinute} acquisitions per key in any sliding minute (in memory). */
public final class RateLimiter {
  private static final long WINDOW_MILLIS = 60_000;

  private final Clock clock;
  private final int perMinute;
  private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

  public RateLimiter(Clock clock, int perMinute) {
    this.clock = clock;
    this.perMinute = perMinute;
  }

  public boolean tryAcquire(String key) {
    long now = clock.millis();
    Deque<Long> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (w) {
      while (!w.isEmpty() && w.peekFirst() <= now - WINDOW_MILLIS) {
        w.pollFirst();
      }
      if (w.size() >= perMinute) {
        return false;
      }
      w.addLast(now);
      return true;
    }
  }
}
