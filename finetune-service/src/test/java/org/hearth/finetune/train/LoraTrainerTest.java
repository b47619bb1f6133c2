package org.hearth.finetune.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.TinyLlama;
import org.hearth.finetune.safetensors.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraTrainerTest {
  @TempDir static Path modelDir;
  @TempDir Path tmp;

  @BeforeAll
  static void writeModel() throws IOException {
    TinyLlama.write(modelDir, TinyLlama.config(false, false), 21, DType.F32);
  }

  @Test
  void lossFallsOnMemorisationSetAndOnlyAdaptersChange() throws IOException {
    TrainingConfig cfg = TrainingConfig.defaults(3e-2, 3, 40, 2, 2);
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer trainer =
            TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0.05), cfg)) {
      LlamaModel model = modelOf(trainer);
      Map<String, float[]> baseBefore = baseWeights(model);
      Map<String, float[]> adapterBefore = trainer.adapters().snapshot();
      List<Example> all = TrainingFixture.examples(modelDir);
      double before = trainer.evaluate(all);
      for (int i = 0; i < cfg.totalSteps(); i++) {
        trainer.trainStep();
      }
      double after = trainer.evaluate(all);
      System.out.printf("memorisation loss: before %.4f after %.4f%n", before, after);
      assertThat(after).isLessThan(before * 0.2);
      Map<String, float[]> baseAfter = baseWeights(model);
      baseBefore.forEach((n, v) -> assertThat(baseAfter.get(n)).as(n).containsExactly(v));
      Map<String, float[]> adapterAfter = trainer.adapters().snapshot();
      adapterBefore.forEach((n, v) -> assertThat(adapterAfter.get(n)).as(n).isNotEqualTo(v));
    }
  }

  @Test
  void resumedRunContinuesLikeAnUninterruptedOne() throws IOException {
    TrainingConfig cfg = TrainingConfig.defaults(1e-2, 2, 6, 2, 2);
    List<Double> uninterrupted = new ArrayList<>();
    Map<String, float[]> finalUninterrupted;
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer t = TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0.1), cfg)) {
      int arraysAfterTwoSteps = 0;
      for (int i = 0; i < 6; i++) {
        uninterrupted.add(t.trainStep().loss());
        if (i == 1) {
          arraysAfterTwoSteps = m.getManagedArrays().size();
        }
      }
      // every step closes its NDManager: no arrays pile up from step to step
      assertThat(m.getManagedArrays()).hasSize(arraysAfterTwoSteps);
      finalUninterrupted = t.adapters().snapshot();
    }
    List<Double> resumed = new ArrayList<>();
    Path ckpt = tmp.resolve("checkpoint");
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer t = TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0.1), cfg)) {
      for (int i = 0; i < 3; i++) {
        resumed.add(t.trainStep().loss());
      }
      TrainingCheckpoint.save(ckpt, t);
    }
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer t = TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0.1), cfg)) {
      assertThat(TrainingCheckpoint.restore(ckpt, t)).isEqualTo(3);
      while (t.completedSteps() < 6) {
        resumed.add(t.trainStep().loss());
      }
      assertThat(t.completedSteps()).isEqualTo(6);
      Map<String, float[]> finalResumed = t.adapters().snapshot();
      finalUninterrupted.forEach(
          (n, v) -> {
            float[] r = finalResumed.get(n);
            for (int i = 0; i < v.length; i++) {
              assertThat((double) r[i])
                  .as(n)
                  .isCloseTo(v[i], org.assertj.core.data.Offset.offset(1e-5));
            }
          });
    }
    for (int i = 0; i < 6; i++) {
      assertThat(resumed.get(i))
          .isCloseTo(uninterrupted.get(i), org.assertj.core.data.Offset.offset(1e-5));
    }
    assertThat(uninterrupted.get(5)).isNotEqualTo(uninterrupted.get(0));
  }

  @Test
  void aProcessKilledBetweenTheRenamesOfASaveResumesFromThePreviousCheckpoint() throws IOException {
    TrainingConfig cfg = TrainingConfig.defaults(1e-2, 0, 4, 2, 1);
    Path ckpt = tmp.resolve("torn");
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer t = TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0), cfg)) {
      t.trainStep();
      TrainingCheckpoint.save(ckpt, t);
      t.trainStep();
      TrainingCheckpoint.save(ckpt, t);
    }
    assertThat(TrainingCheckpoint.latest(ckpt)).isEqualTo(ckpt);
    // what save leaves when killed after moving the current checkpoint aside: the complete one in
    // .old, a half-written new one in .tmp, nothing at the checkpoint's own path
    Path old = ckpt.resolveSibling("torn.old");
    java.nio.file.Files.move(ckpt, old);
    Path tmpDir = java.nio.file.Files.createDirectories(ckpt.resolveSibling("torn.tmp"));
    java.nio.file.Files.writeString(tmpDir.resolve("adapter.safetensors"), "half");
    assertThat(TrainingCheckpoint.latest(ckpt)).isEqualTo(old);
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer t = TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0), cfg)) {
      assertThat(TrainingCheckpoint.restore(TrainingCheckpoint.latest(ckpt), t)).isEqualTo(2);
    }
  }

  @Test
  void checkpointOfAnotherSeedIsRefused() throws IOException {
    TrainingConfig cfg = TrainingConfig.defaults(1e-2, 0, 2, 2, 1);
    Path ckpt = tmp.resolve("other-seed");
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer t = TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0), cfg)) {
      t.trainStep();
      TrainingCheckpoint.save(ckpt, t);
    }
    try (NDManager m = NDManager.newBaseManager();
        LoraTrainer t =
            TrainingFixture.trainer(modelDir, m, TrainingFixture.lora(0), cfg.withSeed(7))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingCheckpoint.restore(ckpt, t))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("seed");
      assertThat(t.completedSteps()).isZero();
    }
  }

  private static LlamaModel modelOf(LoraTrainer t) {
    return t.model();
  }

  private static Map<String, float[]> baseWeights(LlamaModel model) {
    Map<String, float[]> m = new LinkedHashMap<>();
    model.weightSlots().forEach((n, s) -> m.put(n, s.parameter().getArray().toFloatArray()));
    return m;
  }

  @Test
  void scheduleWarmsUpThenDecaysByCosine() {
    LrSchedule s = new LrSchedule(1.0, 4, 14, 0.1);
    assertThat(s.at(1)).isEqualTo(0.25);
    assertThat(s.at(4)).isEqualTo(1.0);
    assertThat(s.at(9)).isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.at(14)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void labelsCountOnlyAnswerTokens() {
    try (NDManager m = NDManager.newBaseManager()) {
      MicroBatch b =
          MicroBatch.collate(
              List.of(new Example(new long[] {5, 6, 7, 8}, 2), new Example(new long[] {9, 10}, 1)),
              0,
              m);
      assertThat(b.labelMask().toFloatArray()).containsExactly(0, 1, 1, 0, 1, 0, 0, 0);
      assertThat(b.labels().toLongArray()).containsExactly(6, 7, 8, 0, 10, 0, 0, 0);
      assertThat(b.attentionMask().toLongArray()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0);
      assertThat(b.labelCount()).isEqualTo(3);
    }
  }
}
