package org.hearth.finetune.job;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The short markdown report of a finished run.
 *
 * @param samples dataset samples, {@code examples} of them trainable after tokenization
 * @param tokens input tokens processed by training (padding included)
 * @param firstLoss loss of step 1 (nats per answer token)
 * @param lastLoss loss of the last step
 * @param peakRssBytes peak resident memory of the process (VmHWM), -1 when unknown
 * @param peakHeapBytes peak JVM heap in use, sampled at every step
 * @param manifestSha256 SHA-256 of the dataset manifest as stored
 * @param registration "registered as X" or the reason it failed
 */
public record JobReport(
    String relay,
    String baseModel,
    String model,
    int samples,
    int examples,
    long tokens,
    int steps,
    int resumedFromStep,
    double firstLoss,
    double lastLoss,
    double tokensPerSecond,
    Duration duration,
    long peakRssBytes,
    long peakHeapBytes,
    String manifestSha256,
    Optional<String> registrationError) {

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Fine-tune report: ").append(relay).append("\n\n");
    row(md, "relay", relay);
    row(md, "base model", baseModel);
    row(md, "model", model + registrationError.map(e -> " (not registered: " + e + ")").orElse(""));
    row(md, "samples", samples + " (" + examples + " trainable examples)");
    row(md, "tokens", Long.toString(tokens));
    row(
        md,
        "steps",
        steps
            + (resumedFromStep > 0
                ? " (resumed from the checkpoint at " + resumedFromStep + ")"
                : ""));
    row(md, "first loss", fmt(firstLoss));
    row(md, "last loss", fmt(lastLoss));
    row(md, "tokens/s", String.format(Locale.ROOT, "%.1f", tokensPerSecond));
    row(md, "duration", String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0));
    row(
        md,
        "peak memory",
        (peakRssBytes < 0 ? "unknown" : mib(peakRssBytes) + " resident (process)")
            + ", "
            + mib(peakHeapBytes)
            + " JVM heap");
    row(md, "manifest sha256", manifestSha256);
    return md.toString();
  }

  private static void row(StringBuilder md, String k, String v) {
    md.append("- **").append(k).append("**: ").append(v).append('\n');
  }

  private static String fmt(double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4f", d);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
