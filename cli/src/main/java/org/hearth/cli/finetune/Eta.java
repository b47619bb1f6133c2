package org.hearth.cli.finetune;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Estimates the time left from how fast progress moved while it was watched: the rate between the
 * first observation of a phase and now, applied to what remains. Unknown until progress has moved.
 * Pure: times are passed in.
 */
public final class Eta {
  private String phase;
  private Instant since;
  private double from;

  /** Records {@code progress} (0..1) of {@code phase} at {@code now}; returns the estimate. */
  public Optional<Duration> observe(String phase, double progress, Instant now) {
    if (since == null || !phase.equals(this.phase) || progress < from) {
      this.phase = phase;
      this.since = now;
      this.from = progress;
      return Optional.empty();
    }
    double moved = progress - from;
    long elapsedMillis = Duration.between(since, now).toMillis();
    if (moved <= 0 || elapsedMillis <= 0 || progress >= 1) {
      return Optional.empty();
    }
    double millisLeft = elapsedMillis / moved * (1 - progress);
    return Optional.of(Duration.ofMillis(Math.round(millisLeft)));
  }
}
