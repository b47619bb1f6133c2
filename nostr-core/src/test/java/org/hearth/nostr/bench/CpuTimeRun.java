package org.hearth.nostr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operations per second of this thread's CPU time, for the {@link EventBenchmark} operations: a
 * per-core figure that stays honest when other processes share the machine (wall-clock throughput
 * then measures the contention). Complements JMH, does not replace it. Run by the {@code bench}
 * profile after JMH; prints a Markdown table.
 */
public final class CpuTimeRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long WARMUP_NANOS = 5_000_000_000L;
  private static final long ROUND_NANOS = 2_000_000_000L;
  private static final int ROUNDS = 5;

  private CpuTimeRun() {}

  public static void main(String[] args) {
    EventBenchmark b = new EventBenchmark();
    b.setUp();
    Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
    ops.put("nativeVerify", b::nativeVerify);
    ops.put("fullValidation", b::fullValidation);
    ops.put("nativeSign", b::nativeSign);
    ops.put("sign", b::sign);
    System.out.println("| benchmark | ops per CPU-second (mean of 5 x 2 s) | min | max |");
    System.out.println("| --- | ---: | ---: | ---: |");
    for (Map.Entry<String, Supplier<Object>> op : ops.entrySet()) {
      run(op.getValue(), WARMUP_NANOS);
      double sum = 0;
      double min = Double.MAX_VALUE;
      double max = 0;
      for (int i = 0; i < ROUNDS; i++) {
        double rate = run(op.getValue(), ROUND_NANOS);
        sum += rate;
        min = Math.min(min, rate);
        max = Math.max(max, rate);
      }
      System.out.printf(
          Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |%n", op.getKey(), sum / ROUNDS, min, max);
    }
  }

  /** Runs {@code op} for {@code cpuNanos} of this thread's CPU time; returns ops per CPU-second. */
  private static double run(Supplier<Object> op, long cpuNanos) {
    long start = THREADS.getCurrentThreadCpuTime();
    long ops = 0;
    long used;
    do {
      for (int i = 0; i < 256; i++) {
        if (op.get() == null) {
          throw new IllegalStateException("benchmark returned null");
        }
      }
      ops += 256;
      used = THREADS.getCurrentThreadCpuTime() - start;
    } while (used < cpuNanos);
    return ops * 1e9 / used;
  }
}
