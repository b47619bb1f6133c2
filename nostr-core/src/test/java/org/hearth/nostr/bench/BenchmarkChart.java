package org.hearth.nostr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result into docs/benchmarks.svg (two bars per signature benchmark: throughput
 * with its error, and 1 / median operation time; red lines: targets) and prints a Markdown table
 * for docs/benchmarks.md. Usage: {@code BenchmarkChart <jmh-result.json> <out.svg>}.
 */
public final class BenchmarkChart {
  private static final Map<String, Integer> TARGETS =
      Map.of("fullValidation", 15_000, "sign", 18_000);
  private static final int LEFT = 120;
  private static final int WIDTH = 480;

  /** One benchmark: throughput (ops/s) with error, and the median time of one call (s). */
  record Row(double throughput, double error, double medianSeconds) {}

  private BenchmarkChart() {}

  public static void main(String[] args) throws IOException {
    Map<String, Row> rows = read(Path.of(args[0]));
    Map<String, Row> charted = new LinkedHashMap<>(); // parseAndId would flatten the other bars
    for (String name : List.of("nativeVerify", "fullValidation", "nativeSign", "sign")) {
      if (rows.containsKey(name)) {
        charted.put(name, rows.get(name));
      }
    }
    Files.writeString(Path.of(args[1]), svg(charted));
    System.out.println("| benchmark | throughput (ops/s) | median time | 1 / median (ops/s) |");
    System.out.println("| --- | ---: | ---: | ---: |");
    rows.forEach(
        (name, r) ->
            System.out.printf(
                Locale.ROOT,
                "| %s | %,.0f ± %,.0f | %.1f µs | %,.0f |%n",
                name,
                r.throughput(),
                r.error(),
                r.medianSeconds() * 1e6,
                1 / r.medianSeconds()));
  }

  static Map<String, Row> read(Path json) throws IOException {
    Map<String, double[]> raw = new LinkedHashMap<>();
    for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
      String name = r.get("benchmark").asText().replaceAll(".*\\.", "");
      JsonNode m = r.get("primaryMetric");
      double[] v = raw.computeIfAbsent(name, k -> new double[3]);
      if (r.get("mode").asText().equals("thrpt")) {
        v[0] = m.get("score").asDouble();
        v[1] = m.get("scoreError").asDouble();
      } else {
        v[2] = m.get("scorePercentiles").get("50.0").asDouble();
      }
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    raw.forEach((k, v) -> rows.put(k, new Row(v[0], v[1], v[2])));
    return rows;
  }

  static String svg(Map<String, Row> rows) {
    double max = 0;
    for (Row r : rows.values()) {
      max = Math.max(max, Math.max(r.throughput() + r.error(), 1 / r.medianSeconds()));
    }
    double scale = WIDTH / (max * 1.1);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n"
                + "<text x=\"10\" y=\"16\" font-weight=\"bold\">nostr-core, one thread, ops/s</text>%n"
                + "<text x=\"10\" y=\"32\"><tspan fill=\"#4a7fb5\">&#9632; throughput (JMH, "
                + "± error)</tspan>  <tspan fill=\"#6aa84f\">&#9632; 1 / median time</tspan>  "
                + "<tspan fill=\"red\">| target</tspan></text>%n",
            LEFT + WIDTH + 110,
            50 + 44 * rows.size()));
    int y = 46;
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      double perMedian = 1 / r.medianSeconds();
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
              LEFT - 8,
              y + 20,
              e.getKey()));
      bar(svg, y, r.throughput() * scale, "#4a7fb5", r.throughput(), r.error(), scale);
      bar(svg, y + 18, perMedian * scale, "#6aa84f", perMedian, 0, scale);
      Integer target = TARGETS.get(e.getKey());
      if (target != null) {
        double x = LEFT + target * scale;
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"red\" "
                    + "stroke-width=\"2\"/>%n",
                x,
                x,
                y - 2,
                y + 36));
      }
      y += 44;
    }
    return svg.append("</svg>\n").toString();
  }

  private static void bar(
      StringBuilder svg, int y, double w, String color, double value, double error, double scale) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"15\" fill=\"%s\"/>%n",
            LEFT,
            y,
            w,
            color));
    double end = LEFT + w;
    if (error > 0) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
              Math.max(LEFT, end - error * scale),
              end + error * scale,
              y + 7,
              y + 7));
      end += error * scale;
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\">%,.0f%s</text>%n",
            end + 5,
            y + 12,
            value,
            error > 0 ? String.format(Locale.ROOT, " ± %,.0f", error) : ""));
  }
}
