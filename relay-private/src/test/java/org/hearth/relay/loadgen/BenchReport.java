package org.hearth.relay.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects the phases' numbers and renders them as a markdown table and an SVG chart. */
final class BenchReport {
  /** One row: measured vs target; {@code higherIsBetter} for throughput. */
  record Row(String metric, double measured, double target, String unit, boolean higherIsBetter) {
    boolean met() {
      return higherIsBetter ? measured >= target : measured < target;
    }

    /** Measured as a share of the target budget (1.0 = exactly on target; > 1 = worse). */
    double load() {
      return higherIsBetter ? target / Math.max(measured, 1e-9) : measured / target;
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> jvm;

  BenchReport(List<String> jvm) {
    this.jvm = jvm;
  }

  void pid(long pid, long rssKib) {
    notes.add(String.format("relay pid %d, RSS at start %.0f MB", pid, rssKib / 1024.0));
  }

  void idle(IdleBench.Result r) {
    rows.add(
        new Row(
            "RSS with " + r.connections() + " idle connections",
            r.rssHeldKib() / 1024.0,
            512,
            "MB",
            false));
    notes.add(
        String.format(
            "idle: RSS %.0f MB before, %.0f MB max while holding %d (%d still open at the end)",
            r.rssBeforeKib() / 1024.0, r.rssHeldKib() / 1024.0, r.connections(), r.open()));
  }

  void ingest(IngestBench.Result r, int conns, int inFlight) {
    String how = conns + " conns x " + inFlight + " in flight";
    rows.add(new Row("ingest (" + how + ")", r.perSecond(), 6000, "events/s", true));
    rows.add(new Row("relay CPU per ingested event", r.cpuMicrosPerEvent(), 270, "µs", false));
    notes.add(
        String.format(
            "ingest: %d sent, %d OK true, %d not accepted, %.1f s",
            r.sent(), r.acked(), r.rejected(), r.seconds()));
  }

  void req(Map<String, ReqBench.Result> results, int store, double loadSeconds) {
    notes.add(
        String.format("store: %,d events bulk-loaded with COPY in %.0f s", store, loadSeconds));
    results.forEach(
        (shape, r) -> {
          double target = shape.equals("by id") ? 2 : 10;
          rows.add(new Row("REQ p99, " + shape, r.stats().p99Millis(), target, "ms", false));
          notes.add(
              String.format(
                  "REQ %s: %s, %.1f events per answer%s",
                  shape,
                  r.stats(),
                  r.meanEvents(),
                  r.clientHop() == null
                      ? ""
                      : "; of which the client's own send hop: "
                          + r.clientHop()
                          + "; from the client's write: "
                          + r.fromWrite()));
        });
  }

  void fanout(FanoutBench.Result r, int subs, int rate) {
    rows.add(
        new Row(
            "fan-out p99, " + subs + " subscribers at " + rate + " events/s",
            r.stats().p99Millis(),
            20,
            "ms",
            false));
    notes.add(
        String.format(
            "fan-out: %s; delivered %d of %d; CPU per delivered event: relay %.1f µs, load"
                + " generator %.1f µs (%s subscriber client)",
            r.stats(),
            r.delivered(),
            r.expected(),
            r.relayCpuMicrosPerDelivery(),
            r.clientCpuMicrosPerDelivery(),
            r.client()));
    notes.add("fan-out breakdown: " + r.breakdown());
  }

  void finalRss(long kib) {
    notes.add(String.format("relay RSS at the end of the run: %.0f MB", kib / 1024.0));
  }

  String markdown(Instant when) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("Run ")
        .append(when)
        .append(", nproc ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(", CPU ")
        .append(cpuModel())
        .append(", relay JVM options ")
        .append(jvm)
        .append("\n\n");
    b.append("| metric | measured | target | met |\n|---|---:|---:|---|\n");
    for (Row r : rows) {
      b.append(
          String.format(
              "| %s | %.2f %s | %s %.0f %s | %s |%n",
              r.metric(),
              r.measured(),
              r.unit(),
              r.higherIsBetter() ? ">=" : "<",
              r.target(),
              r.unit(),
              r.met() ? "yes" : "NO"));
    }
    b.append('\n');
    notes.forEach(n -> b.append("- ").append(n).append('\n'));
    return b.toString();
  }

  private static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown");
  }

  /** Horizontal bars: measured as a share of each target (the dashed line is the target). */
  String svg() {
    int rowH = 34;
    int left = 330;
    int width = 360;
    int h = 60 + rows.size() * rowH;
    double scale = width / 2.0; // the target sits in the middle; bars are capped at 2x
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            left + width + 170, h));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(
        String.format(
            "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">relay-private vs issue-3 targets (bar = share of target; dashed line = target)</text>%n"));
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int y = 40 + i * rowH;
      double len = Math.min(2.0, r.load()) * scale;
      s.append(String.format("<text x=\"10\" y=\"%d\">%s</text>%n", y + 15, esc(r.metric())));
      s.append(
          String.format(
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"/>%n",
              left, y, len, r.met() ? "#3a9d5d" : "#d0453a"));
      s.append(
          String.format(
              "<text x=\"%d\" y=\"%d\">%.2f %s (target %s%.0f)</text>%n",
              left + width + 8,
              y + 15,
              r.measured(),
              esc(r.unit()),
              r.higherIsBetter() ? "≥" : "&lt;",
              r.target()));
    }
    s.append(
        String.format(
            "<line x1=\"%.1f\" y1=\"34\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-dasharray=\"4 3\"/>%n",
            left + scale, left + scale, h - 10));
    s.append("</svg>\n");
    return s.toString();
  }

  private static String esc(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
