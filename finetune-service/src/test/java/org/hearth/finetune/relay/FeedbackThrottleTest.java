package org.hearth.finetune.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeedbackThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final FeedbackThrottle throttle = new FeedbackThrottle(2000, now::get);
  private final UUID job = UUID.randomUUID();

  @Test
  void progressIsSentAtMostOncePerIntervalButStateChangesAlways() {
    assertThat(throttle.allow(job, false, false)).as("first progress").isTrue();
    now.addAndGet(500);
    assertThat(throttle.allow(job, false, false)).as("0.5 s later").isFalse();
    assertThat(throttle.allow(job, true, false)).as("a phase change").isTrue();
    now.addAndGet(1999);
    assertThat(throttle.allow(job, false, false)).as("1.999 s after the phase change").isFalse();
    now.addAndGet(1);
    assertThat(throttle.allow(job, false, false)).as("2 s after").isTrue();
    now.addAndGet(10);
    assertThat(throttle.allow(job, true, true)).as("the end").isTrue();
  }

  @Test
  void jobsAreThrottledSeparately() {
    UUID other = UUID.randomUUID();
    assertThat(throttle.allow(job, false, false)).isTrue();
    assertThat(throttle.allow(other, false, false)).isTrue();
    assertThat(throttle.allow(job, false, false)).isFalse();
  }
}
