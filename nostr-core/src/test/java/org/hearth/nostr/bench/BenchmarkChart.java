package org.hearth.nostr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Draws JMH's JSON result as a horizontal bar chart (SVG) with error bars and the targets. Usage:
 * {@code BenchmarkChart <jmh-result.json> <out.svg>}; run by the {@code bench} profile.
 */
public final class BenchmarkChart {
  private static final Map<String, Integer> TARGETS =
      Map.of("fullValidation", 15_000, "sign", 18_000);
  private static final int LEFT = 150;
  private static final int WIDTH = 460;
  private static final int ROW = 34;

  private BenchmarkChart() {}

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    double max = 0;
    for (JsonNode r : results) {
      JsonNode m = r.get("primaryMetric");
      max = Math.max(max, m.get("score").asDouble() + m.get("scoreError").asDouble());
    }
    for (int target : TARGETS.values()) {
      max = Math.max(max, target);
    }
    double scale = WIDTH / (max * 1.05);
    int height = 50 + ROW * results.size();
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n"
                + "<text x=\"10\" y=\"18\" font-weight=\"bold\">nostr-core, one thread, "
                + "operations/s (JMH; red: target)</text>\n",
            LEFT + WIDTH + 90,
            height));
    int y = 32;
    for (JsonNode r : results) {
      String name = r.get("benchmark").asText().replaceAll(".*\\.", "");
      JsonNode m = r.get("primaryMetric");
      double score = m.get("score").asDouble();
      double error = m.get("scoreError").asDouble();
      double w = score * scale;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"#4a7fb5\"/>\n"
                  + "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"black\"/>\n"
                  + "<text x=\"%.1f\" y=\"%d\">%,.0f \u00b1 %,.0f</text>\n",
              LEFT - 8,
              y + 14,
              name,
              LEFT,
              y,
              w,
              LEFT + (score - error) * scale,
              LEFT + (score + error) * scale,
              y + 10,
              y + 10,
              LEFT + (score + error) * scale + 6,
              y + 14,
              score,
              error));
      Integer target = TARGETS.get(name);
      if (target != null) {
        double x = LEFT + target * scale;
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"red\" "
                    + "stroke-width=\"2\"/>\n",
                x,
                x,
                y - 3,
                y + 23));
      }
      y += ROW;
    }
    svg.append("</svg>\n");
    Files.writeString(Path.of(args[1]), svg.toString());
  }
}
