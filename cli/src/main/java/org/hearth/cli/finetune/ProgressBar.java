package org.hearth.cli.finetune;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The progress line of {@code hearth finetune follow}, as pure functions: {@link #line} renders a
 * job, {@link #frame} turns the previous and the next line into what to write.
 *
 * <pre>
 * training   [###########-------------]  45.0%  step 450/1000  loss 1.2345  812 tok/s  ETA 3m12s
 * </pre>
 */
public final class ProgressBar {
  /** Characters between the brackets. */
  public static final int WIDTH = 24;

  private ProgressBar() {}

  /** One line for {@code job}; {@code eta} is left out when unknown. */
  public static String line(Job job, Optional<Duration> eta) {
    double p = fraction(job);
    StringBuilder sb = new StringBuilder();
    String label = job.phase().orElse(job.state().name().toLowerCase(Locale.ROOT));
    sb.append(String.format(Locale.ROOT, "%-10s ", label));
    int filled = (int) Math.floor(p * WIDTH);
    sb.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append(']');
    sb.append(String.format(Locale.ROOT, " %5.1f%%", p * 100));
    if (job.step().isPresent()) {
      sb.append("  step ").append(job.step().getAsLong());
      job.totalSteps().ifPresent(t -> sb.append('/').append(t));
    }
    job.loss().ifPresent(l -> sb.append(String.format(Locale.ROOT, "  loss %.4f", l)));
    job.tokensPerSecond().ifPresent(t -> sb.append(String.format(Locale.ROOT, "  %,.0f tok/s", t)));
    eta.ifPresent(d -> sb.append("  ETA ").append(duration(d)));
    return sb.toString();
  }

  /**
   * What to write to show {@code next} after {@code previous} (null before the first line). On a
   * terminal the line is redrawn in place: a carriage return, the line, and blanks over what is
   * left of a longer previous line. Elsewhere (a file, a pipe, a CI log) each changed line is
   * written once on its own line, and an unchanged one not at all.
   */
  public static String frame(String previous, String next, boolean tty) {
    if (!tty) {
      return next.equals(previous) ? "" : next + "\n";
    }
    int blank = previous == null ? 0 : Math.max(0, previous.length() - next.length());
    return "\r" + next + " ".repeat(blank);
  }

  /** What ends a drawing before other lines are printed: a newline on a terminal, else nothing. */
  public static String end(String previous, boolean tty) {
    return tty && previous != null ? "\n" : "";
  }

  /** Progress as 0..1: the job's own, else step/total, else 1 for a finished job, else 0. */
  static double fraction(Job job) {
    double p;
    if (job.progress().isPresent()) {
      p = job.progress().getAsDouble();
    } else if (job.step().isPresent()
        && job.totalSteps().isPresent()
        && job.totalSteps().getAsLong() > 0) {
      p = (double) job.step().getAsLong() / job.totalSteps().getAsLong();
    } else {
      p = job.state() == Job.State.SUCCEEDED ? 1 : 0;
    }
    return Math.max(0, Math.min(1, p));
  }

  /** {@code 45s}, {@code 3m12s}, {@code 2h05m}. */
  public static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
