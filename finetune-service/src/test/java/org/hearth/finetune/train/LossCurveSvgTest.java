package org.hearth.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LossCurveSvgTest {
  @Test
  void drawsOnePolylinePerSeriesWithOnePointPerStep() {
    String svg =
        LossCurveSvg.render(
            "loss <&>",
            List.of(
                new LossCurveSvg.Series("java", List.of(3.0, 2.0, 1.0)),
                new LossCurveSvg.Series("python", List.of(3.0, 2.5, 1.5))));
    assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("loss &lt;&amp;&gt;");
    Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
    int lines = 0;
    while (m.find()) {
      lines++;
      assertThat(m.group(1).split(" ")).hasSize(3);
    }
    assertThat(lines).isEqualTo(2);
    // the highest loss is drawn highest (smallest y), the lowest at the bottom
    assertThat(svg).contains("48.0,").contains("java").contains("python");
  }
}
