package org.hearth.finetune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.finetune.safetensors.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaForwardTest {
  static final int[][] TOKENS = {{2, 3, 4, 5, 2, 6, 21, 13}, {7, 8, 9, 10, 11, 0, 0, 0}};
  static final int[][] MASK = {{1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0, 0, 0}};

  @TempDir Path tmp;

  /** Max |DJL - reference| over the non-padded positions of both sequences. */
  static double maxDiff(LlamaModel model, ReferenceLlama ref) {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] logits = logits(model, m);
      int v = model.config().vocabSize();
      int t = TOKENS[0].length;
      double max = 0;
      for (int b = 0; b < TOKENS.length; b++) {
        float[][] expected = ref.logits(TOKENS[b], MASK[b]);
        for (int i = 0; i < t; i++) {
          if (MASK[b][i] == 0) {
            continue;
          }
          for (int k = 0; k < v; k++) {
            max = Math.max(max, Math.abs(expected[i][k] - logits[(b * t + i) * v + k]));
          }
        }
      }
      return max;
    }
  }

  static float[] logits(LlamaModel model, NDManager m) {
    long[] ids = new long[TOKENS.length * TOKENS[0].length];
    long[] mask = new long[ids.length];
    for (int b = 0; b < TOKENS.length; b++) {
      for (int i = 0; i < TOKENS[b].length; i++) {
        ids[b * TOKENS[b].length + i] = TOKENS[b][i];
        mask[b * TOKENS[b].length + i] = MASK[b][i];
      }
    }
    Shape shape = new Shape(TOKENS.length, TOKENS[0].length);
    NDArray out = model.logits(m.create(ids, shape), m.create(mask, shape), false);
    return out.toFloatArray();
  }

  @Test
  void untiedFp32ShardedModelMatchesReference() throws IOException {
    TinyLlama tiny = TinyLlama.write(tmp, TinyLlama.config(false, false), 1, DType.F32);
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(tmp, m);
      double diff = maxDiff(model, new ReferenceLlama(tiny.config(), tiny.weights()));
      System.out.printf("DJL vs reference max |diff| = %.3g%n", diff);
      assertThat(diff).isLessThan(1e-4);
    }
  }

  @Test
  void tiedBf16ModelWithLlama3RopeScalingMatchesReference() throws IOException {
    TinyLlama tiny = TinyLlama.write(tmp, TinyLlama.config(true, true), 2, DType.BF16);
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(tmp, m);
      assertThat(model.weightSlots()).doesNotContainKey("lm_head.weight");
      double diff = maxDiff(model, new ReferenceLlama(tiny.config(), tiny.weights()));
      System.out.printf("DJL vs reference max |diff| = %.3g%n", diff);
      assertThat(diff).isLessThan(1e-4);
      // The scaling matters: a reference without it disagrees clearly.
      LlamaConfig unscaled = TinyLlama.config(true, false);
      assertThat(maxDiff(model, new ReferenceLlama(unscaled, tiny.weights()))).isGreaterThan(1e-3);
    }
  }

  @Test
  void loadingInBlocksOfRowsGivesTheSameModel() throws IOException {
    TinyLlama.write(tmp, TinyLlama.config(false, false), 9, DType.BF16);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] whole = logits(LlamaLoader.load(tmp, m), m);
      float[] rowByRow = logits(LlamaLoader.load(tmp, m, 7), m);
      float[] threeRows = logits(LlamaLoader.load(tmp, m, 50), m);
      assertThat(rowByRow).containsExactly(whole);
      assertThat(threeRows).containsExactly(whole);
    }
  }

  @Test
  void badInputsAreRejectedWithReasons() throws IOException {
    TinyLlama.write(tmp, TinyLlama.config(false, false), 10, DType.F32);
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(tmp, m);
      Shape s = new Shape(1, 3);
      NDArray mask = m.create(new long[] {1, 1, 1}, s);
      assertThatThrownBy(() -> model.logits(m.create(new long[] {1, 2, 32}, s), mask, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("token id 32");
      assertThatThrownBy(
              () ->
                  model.logits(
                      m.create(new long[] {1, 2, 3}, s),
                      m.create(new long[] {1, 1}, new Shape(1, 2)),
                      false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[B, T]");
      assertThatThrownBy(
              () ->
                  model.logits(
                      m.zeros(new Shape(1, 65), ai.djl.ndarray.types.DataType.INT64),
                      m.ones(new Shape(1, 65), ai.djl.ndarray.types.DataType.INT64),
                      false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("max_position_embeddings");
    }
  }

  @Test
  void paddingDoesNotChangeRealPositions() throws IOException {
    TinyLlama tiny = TinyLlama.write(tmp, TinyLlama.config(false, false), 3, DType.F32);
    ReferenceLlama ref = new ReferenceLlama(tiny.config(), tiny.weights());
    float[][] padded = ref.logits(TOKENS[1], MASK[1]);
    float[][] alone = ref.logits(new int[] {7, 8, 9, 10, 11}, new int[] {1, 1, 1, 1, 1});
    assertThat(padded[4]).containsExactly(alone[4]);
  }

  @Test
  void shapeMismatchIsATypedError() throws IOException {
    TinyLlama.write(tmp, TinyLlama.config(false, false), 4, DType.F32);
    LlamaConfig wider =
        new LlamaConfig(32, 16, 32, 2, 4, 2, 4, 1e-5, 10000, 64, false, java.util.Optional.empty());
    wider.write(tmp.resolve("config.json"));
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> LlamaLoader.load(tmp, m))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageContaining("mlp.gate_proj.weight");
    }
  }

  @Test
  void missingShardIsATypedError() throws IOException {
    TinyLlama.write(tmp, TinyLlama.config(false, false), 5, DType.F32);
    Files.delete(tmp.resolve("model-00002-of-00002.safetensors"));
    assertThatThrownBy(() -> HfCheckpoint.open(tmp))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("missing shard");
  }

  @Test
  void nonLlamaConfigIsRejected() throws IOException {
    Files.writeString(tmp.resolve("config.json"), "{\"model_type\":\"gpt2\"}");
    assertThatThrownBy(() -> LlamaConfig.read(tmp.resolve("config.json")))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("gpt2");
  }

  @Test
  void tokenizerJsonLoadsThroughDjl() throws IOException {
    TinyLlama.writeTokenizer(tmp.resolve("tokenizer.json"));
    try (LlamaTokenizer tok = LlamaTokenizer.load(tmp)) {
      assertThat(tok.encode("the cat sat on the mat")).containsExactly(2, 3, 4, 5, 2, 6);
      assertThat(tok.encode("the zebra")).containsExactly(2, 1);
      assertThat(tok.decode(new long[] {8, 9, 10, 11})).isEqualTo("dog ran to park");
    }
  }
}
