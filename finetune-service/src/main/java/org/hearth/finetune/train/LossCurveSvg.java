package org.hearth.finetune.train;

import java.util.List;
import java.util.Locale;

/** Renders loss curves (one polyline per series) as a small standalone SVG image. */
public final class LossCurveSvg {
  private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd"};
  private static final int W = 640;
  private static final int H = 360;
  private static final int PAD = 48;

  /**
   * A named series of losses, one per optimizer step (step 1 first).
   *
   * @param name legend label
   * @param losses loss per step
   */
  public record Series(String name, List<Double> losses) {}

  private LossCurveSvg() {}

  /** The SVG document. */
  public static String render(String title, List<Series> series) {
    int steps = series.stream().mapToInt(s -> s.losses().size()).max().orElse(0);
    double max =
        series.stream().flatMap(s -> s.losses().stream()).mapToDouble(d -> d).max().orElse(1);
    double min =
        series.stream().flatMap(s -> s.losses().stream()).mapToDouble(d -> d).min().orElse(0);
    double lo = Math.min(0, min);
    double span = max - lo == 0 ? 1 : max - lo;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            W,
            H));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n",
            PAD,
            escape(title)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<path d=\"M%d %d V%d H%d\" stroke=\"black\" fill=\"none\"/>%n",
            PAD,
            PAD - 16,
            H - PAD,
            W - 16));
    svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%.2f</text>%n", PAD - 12, max));
    svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%.2f</text>%n", H - PAD, lo));
    svg.append(
        String.format(
            Locale.ROOT, "<text x=\"%d\" y=\"%d\">step %d</text>%n", W - 80, H - PAD + 20, steps));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\">loss (nats/answer token)</text>%n",
            PAD + 4,
            PAD - 4));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (int k = 0; k < s.losses().size(); k++) {
        double x = PAD + (W - PAD - 16) * (steps <= 1 ? 0 : (double) k / (steps - 1));
        double y = (H - PAD) - (H - 2 * PAD + 16) * (s.losses().get(k) - lo) / span;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
              colour,
              points.toString().strip()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
              W - 220,
              PAD + 16 * i,
              colour,
              escape(s.name())));
    }
    return svg.append("</svg>\n").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
