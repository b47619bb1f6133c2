package org.hearth.cli.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress line and its drawing, as pure functions. */
class ProgressBarTest {
  private static Job job(String state, String phase, Integer step, Double progress) {
    return Job.fromJson(FakeFinetuneService.job("j", state, phase, step, progress));
  }

  @Test
  void aTrainingLineShowsPhaseBarPercentStepLossRateAndEta() {
    var n = FakeFinetuneService.job("j", "RUNNING", "training", 450, 0.45);
    n.put("totalSteps", 1000).put("loss", 1.23456).put("tokensPerSecond", 1812.4);
    assertThat(ProgressBar.line(Job.fromJson(n), Optional.of(Duration.ofSeconds(192))))
        .isEqualTo(
            "training   [##########--------------]  45.0%  step 450/1000  loss 1.2346"
                + "  1,812 tok/s  ETA 3m12s");
  }

  @Test
  void missingFieldsAreLeftOut() {
    assertThat(ProgressBar.line(job("QUEUED", null, null, null), Optional.empty()))
        .isEqualTo("queued     [------------------------]   0.0%");
    assertThat(ProgressBar.line(job("SUCCEEDED", null, null, null), Optional.empty()))
        .isEqualTo("succeeded  [########################] 100.0%");
  }

  @Test
  void progressFallsBackToStepsAndIsClamped() {
    assertThat(ProgressBar.fraction(job("RUNNING", "training", 5, null))).isEqualTo(0.25);
    assertThat(ProgressBar.fraction(job("RUNNING", "training", 5, 1.7))).isEqualTo(1.0);
    assertThat(ProgressBar.fraction(job("RUNNING", "training", 5, -0.2))).isEqualTo(0.0);
  }

  @Test
  void onATerminalTheLineIsRedrawnInPlaceAndBlanksTheRest() {
    assertThat(ProgressBar.frame(null, "abc", true)).isEqualTo("\rabc");
    assertThat(ProgressBar.frame("abcdef", "xy", true)).isEqualTo("\rxy    ");
    assertThat(ProgressBar.frame("ab", "xyz", true)).isEqualTo("\rxyz");
    assertThat(ProgressBar.frame("same", "same", true)).isEqualTo("\rsame");
    assertThat(ProgressBar.end("xyz", true)).isEqualTo("\n");
    assertThat(ProgressBar.end(null, true)).isEmpty();
  }

  @Test
  void elsewhereEachChangeIsOneLine() {
    assertThat(ProgressBar.frame(null, "abc", false)).isEqualTo("abc\n");
    assertThat(ProgressBar.frame("abc", "abd", false)).isEqualTo("abd\n");
    assertThat(ProgressBar.frame("abc", "abc", false)).isEmpty();
    assertThat(ProgressBar.end("abc", false)).isEmpty();
  }

  @Test
  void durationsReadLikeAClock() {
    assertThat(ProgressBar.duration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(ProgressBar.duration(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(ProgressBar.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
    assertThat(ProgressBar.duration(Duration.ofSeconds(-3))).isEqualTo("0s");
  }

  @Test
  void etaExtrapolatesTheRateSeenWithinAPhase() {
    Eta eta = new Eta();
    Instant t0 = Instant.parse("2026-11-26T16:00:00Z");
    assertThat(eta.observe("training", 0.10, t0)).isEmpty();
    assertThat(eta.observe("training", 0.10, t0.plusSeconds(5))).isEmpty();
    assertThat(eta.observe("training", 0.30, t0.plusSeconds(20))).contains(Duration.ofSeconds(70));
    assertThat(eta.observe("export", 0.95, t0.plusSeconds(21)))
        .as("a new phase starts over")
        .isEmpty();
    assertThat(eta.observe("export", 0.975, t0.plusSeconds(22))).contains(Duration.ofSeconds(1));
  }
}
