package org.hearth.assistant.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTest {
  @Test
  void cosine() {
    assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {2, 0}))
        .isCloseTo(1, within(1e-9));
    assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {0, 3}))
        .isCloseTo(0, within(1e-9));
    assertThat(Similarity.cosine(new float[] {1, 1}, new float[] {-1, -1}))
        .isCloseTo(-1, within(1e-9));
    assertThat(Similarity.cosine(new float[] {0, 0}, new float[] {1, 1})).isZero();
    assertThat(Similarity.cosine(new float[] {1}, new float[] {1, 1})).isZero();
  }
}
