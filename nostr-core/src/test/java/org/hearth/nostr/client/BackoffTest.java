package org.hearth.nostr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(42));

  @Test
  void doublesFromMinWithEqualJitter() {
    for (int attempt = 0; attempt < 6; attempt++) {
      long base = 100L << attempt;
      for (int i = 0; i < 200; i++) {
        long d = backoff.delay(attempt).toMillis();
        assertThat(d).isBetween(base / 2, base);
      }
    }
  }

  @Test
  void isCappedAtMaxEvenForHugeAttemptCounts() {
    for (int attempt : new int[] {6, 10, 31, 64, Integer.MAX_VALUE}) {
      long d = backoff.delay(attempt).toMillis();
      assertThat(d).isBetween(2500L, 5000L);
    }
  }

  @Test
  void jitterSpreadsClients() {
    long first = backoff.delay(3).toMillis();
    boolean differs = false;
    for (int i = 0; i < 50 && !differs; i++) {
      differs = backoff.delay(3).toMillis() != first;
    }
    assertThat(differs).isTrue();
  }
}
