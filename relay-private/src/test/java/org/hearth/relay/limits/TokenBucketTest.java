package org.hearth.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheBurstThenTheRate() {
    TokenBucket b = new TokenBucket(2, 3, 0);
    assertThat(b.tryTake(0)).isTrue();
    assertThat(b.tryTake(0)).isTrue();
    assertThat(b.tryTake(0)).isTrue();
    assertThat(b.tryTake(0)).isFalse();
    assertThat(b.tryTake(SECOND / 2)).isTrue();
    assertThat(b.tryTake(SECOND / 2)).isFalse();
    assertThat(b.tryTake(10 * SECOND)).isTrue();
    assertThat(b.tryTake(10 * SECOND)).isTrue();
    assertThat(b.tryTake(10 * SECOND)).isTrue();
    assertThat(b.tryTake(10 * SECOND)).isFalse();
  }

  @Test
  void refusesNonsenseSettings() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
