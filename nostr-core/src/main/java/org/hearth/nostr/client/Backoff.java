package org.hearth.nostr.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code min *
 * 2^n}, capped at {@code max}. Jitter keeps many clients from reconnecting in lockstep.
 */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private final RandomGenerator random;

  Backoff(Duration min, Duration max, RandomGenerator random) {
    this.minMillis = Math.max(1, min.toMillis());
    this.maxMillis = Math.max(minMillis, max.toMillis());
    this.random = random;
  }

  /** The delay before attempt {@code attempt} (0 for the first retry). */
  Duration delay(int attempt) {
    int shift = Math.min(Math.max(attempt, 0), 30);
    long base = minMillis << shift;
    if (base <= 0 || base > maxMillis) {
      base = maxMillis;
    }
    long half = base / 2;
    return Duration.ofMillis(half + random.nextLong(base - half + 1));
  }
}
