package org.hearth.relay.loadgen;

import java.util.Arrays;

/** Percentiles of latency samples given in nanoseconds, reported in milliseconds. */
public record Stats(int samples, double p50Millis, double p99Millis, double maxMillis) {
  public static Stats of(long[] nanos, int count) {
    if (count == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] s = Arrays.copyOf(nanos, count);
    Arrays.sort(s);
    return new Stats(count, at(s, 0.50), at(s, 0.99), s[count - 1] / 1e6);
  }

  private static double at(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  @Override
  public String toString() {
    return String.format(
        "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)",
        p50Millis, p99Millis, maxMillis, samples);
  }
}
