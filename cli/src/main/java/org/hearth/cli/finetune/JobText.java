package org.hearth.cli.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Jobs in words: one row per job for {@code list}, one field per line for {@code status}. */
final class JobText {
  private JobText() {}

  /** {@code <id> <STATE> <relay> <progress> [phase] [model] [created]}. */
  static String row(Job j) {
    StringBuilder sb = new StringBuilder();
    sb.append(j.id()).append("  ").append(j.state()).append("  ").append(j.relay());
    sb.append("  ").append(percent(j));
    j.phase().filter(p -> !j.state().ended()).ifPresent(p -> sb.append("  ").append(p));
    j.model().ifPresent(m -> sb.append("  ").append(m));
    j.createdAt().ifPresent(c -> sb.append("  ").append(c));
    return sb.toString();
  }

  /** {@code field: value} lines, artifact URLs made absolute. */
  static List<String> describe(Job j, Function<String, String> absolute) {
    List<String> out = new ArrayList<>();
    out.add("id: " + j.id());
    out.add("relay: " + j.relay());
    out.add("state: " + j.state());
    j.phase().ifPresent(p -> out.add("phase: " + p));
    out.add("progress: " + percent(j));
    if (j.step().isPresent()) {
      String total = j.totalSteps().isPresent() ? "/" + j.totalSteps().getAsLong() : "";
      out.add("step: " + j.step().getAsLong() + total);
    }
    j.loss().ifPresent(l -> out.add(String.format(Locale.ROOT, "loss: %.4f", l)));
    j.tokensPerSecond().ifPresent(t -> out.add(String.format(Locale.ROOT, "tokens/s: %.1f", t)));
    j.model().ifPresent(m -> out.add("model: " + m));
    j.error().ifPresent(e -> out.add("error: " + e));
    j.requestedBy().ifPresent(r -> out.add("requested by: " + r));
    j.createdAt().ifPresent(c -> out.add("created: " + c));
    j.updatedAt().ifPresent(u -> out.add("updated: " + u));
    Job.Artifacts a = j.artifacts();
    a.lossCurve().ifPresent(u -> out.add("loss curve: " + absolute.apply(u)));
    a.report().ifPresent(u -> out.add("report: " + absolute.apply(u)));
    a.manifest().ifPresent(u -> out.add("manifest: " + absolute.apply(u)));
    a.adapter().ifPresent(u -> out.add("adapter: " + absolute.apply(u)));
    return out;
  }

  static String percent(Job j) {
    return String.format(Locale.ROOT, "%.0f%%", ProgressBar.fraction(j) * 100);
  }
}
