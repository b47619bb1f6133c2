package org.hearth.relay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fan-out client's frame scan: event number and send time, found without parsing JSON. */
class FanoutBenchTest {
  private static final String FRAME =
      "[\"EVENT\",\"live\",{\"id\":\"ab\",\"kind\":1,\"tags\":[[\"t\",\"fan-out x\"]],"
          + "\"content\":\"fan-out 4711 123456789012\",\"sig\":\"cd\"}]";

  @Test
  void readsTheNumberAndTheSendTimeOfAFrame() {
    byte[] a = ("xx" + FRAME).getBytes(StandardCharsets.UTF_8);
    int end = a.length;
    int p = FanoutBench.afterMark(a, 2, end);
    assertThat(FanoutBench.numberAt(a, p, end)).isEqualTo(4711);
    assertThat(FanoutBench.sentAt(a, p, end)).isEqualTo(123456789012L);
    assertThat(FanoutBench.indexOf(FRAME)).isEqualTo(4711);
    assertThat(FanoutBench.sentAt(FRAME)).isEqualTo(123456789012L);
  }

  @Test
  void aFrameWithoutTheMarkOrWithABrokenTimeIsReportedAsSuch() {
    byte[] other = "[\"EVENT\",\"live\",{\"content\":\"hello\"}]".getBytes(StandardCharsets.UTF_8);
    int p = FanoutBench.afterMark(other, 0, other.length);
    assertThat(p).isEqualTo(-1);
    assertThat(FanoutBench.numberAt(other, p, other.length)).isEqualTo(-1);
    assertThat(FanoutBench.sentAt(other, p, other.length)).isEqualTo(Long.MIN_VALUE);

    byte[] cut = "\"content\":\"fan-out 12 34".getBytes(StandardCharsets.UTF_8);
    int q = FanoutBench.afterMark(cut, 0, cut.length);
    assertThat(FanoutBench.numberAt(cut, q, cut.length)).isEqualTo(12);
    assertThat(FanoutBench.sentAt(cut, q, cut.length)).isEqualTo(Long.MIN_VALUE);
  }
}
