package org.hearth.finetune.relay;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides which job changes become 7000 feedback events: every state or phase change, and progress
 * at most once per interval per job.
 */
final class FeedbackThrottle {
  private final long intervalMillis;
  private final LongSupplier clock;
  private final Map<UUID, Long> lastSent = new ConcurrentHashMap<>();

  FeedbackThrottle(long intervalMillis, LongSupplier clockMillis) {
    this.intervalMillis = intervalMillis;
    this.clock = clockMillis;
  }

  /**
   * True when this change should be published (and is then counted as sent).
   *
   * @param stateChanged a state or phase transition (always published)
   * @param ended the job reached an end state (its entry is forgotten)
   */
  boolean allow(UUID job, boolean stateChanged, boolean ended) {
    long now = clock.getAsLong();
    Long last = lastSent.get(job);
    if (!stateChanged && last != null && now - last < intervalMillis) {
      return false;
    }
    if (ended) {
      lastSent.remove(job);
    } else {
      lastSent.put(job, now);
    }
    return true;
  }
}
