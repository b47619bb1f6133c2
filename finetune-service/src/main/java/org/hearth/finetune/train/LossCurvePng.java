package org.hearth.finetune.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The same loss curve as {@link LossCurveSvg}, rasterised with Java2D (headless) into a PNG. Text
 * needs fonts; on a host without any, the curve is drawn without labels rather than not at all.
 */
public final class LossCurvePng {
  private static final Color[] COLOURS = {
    new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd)
  };
  private static final int W = 640;
  private static final int H = 360;
  private static final int PAD = 48;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private LossCurvePng() {}

  /** The PNG bytes. */
  public static byte[] render(String title, List<LossCurveSvg.Series> series) {
    int steps = series.stream().mapToInt(s -> s.losses().size()).max().orElse(0);
    double max =
        series.stream().flatMap(s -> s.losses().stream()).mapToDouble(d -> d).max().orElse(1);
    double min =
        series.stream().flatMap(s -> s.losses().stream()).mapToDouble(d -> d).min().orElse(0);
    double lo = Math.min(0, min);
    double span = max - lo == 0 ? 1 : max - lo;
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, W, H);
      g.setColor(Color.BLACK);
      g.drawLine(PAD, PAD - 16, PAD, H - PAD);
      g.drawLine(PAD, H - PAD, W - 16, H - PAD);
      text(g, title, PAD, 20);
      text(g, String.format(Locale.ROOT, "%.2f", max), 4, PAD - 12);
      text(g, String.format(Locale.ROOT, "%.2f", lo), 4, H - PAD);
      text(g, "step " + steps, W - 80, H - PAD + 20);
      text(g, "loss (nats/answer token)", PAD + 4, PAD - 4);
      g.setStroke(new BasicStroke(2f));
      for (int i = 0; i < series.size(); i++) {
        LossCurveSvg.Series s = series.get(i);
        g.setColor(COLOURS[i % COLOURS.length]);
        Path2D.Double path = new Path2D.Double();
        for (int k = 0; k < s.losses().size(); k++) {
          double x = PAD + (W - PAD - 16) * (steps <= 1 ? 0 : (double) k / (steps - 1));
          double y = (H - PAD) - (H - 2 * PAD + 16) * (s.losses().get(k) - lo) / span;
          if (k == 0) {
            path.moveTo(x, y);
          } else {
            path.lineTo(x, y);
          }
        }
        g.draw(path);
        text(g, s.name(), W - 220, PAD + 16 * i);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void text(Graphics2D g, String s, int x, int y) {
    try {
      g.drawString(s, x, y);
    } catch (RuntimeException | InternalError | LinkageError noFonts) {
      // a host without fonts: leave the label out
    }
  }
}
