package org.hearth.finetune.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hearth.finetune.model.LlamaLoader;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.ReferenceLlama;
import org.hearth.finetune.model.TinyLlama;
import org.hearth.finetune.safetensors.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraAdaptersTest {
  static final long[] IDS = {2, 3, 4, 5, 2, 6, 21, 13};

  @TempDir Path tmp;

  static float[] logits(LlamaModel model, NDManager m) {
    Shape s = new Shape(1, IDS.length);
    long[] mask = new long[IDS.length];
    java.util.Arrays.fill(mask, 1);
    return model.logits(m.create(IDS, s), m.create(mask, s), false).toFloatArray();
  }

  @Test
  void freshAdapterChangesNoLogitsAndIsInitialisedLikePeft() throws IOException {
    TinyLlama.write(tmp, TinyLlama.config(false, false), 7, DType.F32);
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(tmp, m);
      float[] before = logits(model, m);
      LoraAdapters lora =
          LoraAdapters.attach(
              model, new LoraConfig(4, 8, 0.1, EnumSet.allOf(TargetModule.class), 1), m);
      assertThat(logits(model, m)).containsExactly(before);
      assertThat(lora.blocks()).hasSize(2 * 7);
      float[] a =
          lora.parameters()
              .get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
              .getArray()
              .toFloatArray();
      float bound = (float) (1 / Math.sqrt(16));
      double maxAbs = 0;
      for (float v : a) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
      assertThat(a).hasSize(4 * 16);
      assertThat(maxAbs).isLessThanOrEqualTo(bound).isGreaterThan(bound / 2);
      assertThat(
              lora.parameters()
                  .get("base_model.model.model.layers.1.mlp.down_proj.lora_B.weight")
                  .getArray()
                  .getShape())
          .isEqualTo(new Shape(16, 4));
      lora.parameters().entrySet().stream()
          .filter(e -> e.getKey().contains("lora_B"))
          .forEach(e -> assertThat(e.getValue().getArray().toFloatArray()).containsOnly(0f));
      assertThat(lora.parameters().values())
          .allSatisfy(p -> assertThat(p.requiresGradient()).isTrue());
      assertThat(model.weightSlots().values())
          .allSatisfy(s -> assertThat(s.parameter().getArray().hasGradient()).isFalse());
    }
  }

  @Test
  void adapterOutputMatchesReferenceOnMergedWeights() throws IOException {
    TinyLlama tiny = TinyLlama.write(tmp, TinyLlama.config(false, true), 8, DType.F32);
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(tmp, m);
      LoraConfig cfg =
          new LoraConfig(
              2,
              4,
              0,
              EnumSet.of(TargetModule.Q_PROJ, TargetModule.V_PROJ, TargetModule.DOWN_PROJ),
              3);
      LoraAdapters lora = LoraAdapters.attach(model, cfg, m);
      Random rnd = new Random(5);
      Map<String, float[]> merged = new LinkedHashMap<>(tiny.weights());
      for (var e : lora.blocks().entrySet()) {
        float[] b = new float[(int) e.getValue().b().getArray().size()];
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) rnd.nextGaussian() * 0.5f;
        }
        e.getValue().b().getArray().set(b);
        float[] a = e.getValue().a().getArray().toFloatArray();
        String w = e.getKey() + ".weight";
        float[] base = merged.get(w).clone();
        int r = cfg.rank();
        int in = a.length / r;
        int out = b.length / r;
        for (int o = 0; o < out; o++) {
          for (int i = 0; i < in; i++) {
            double d = 0;
            for (int k = 0; k < r; k++) {
              d += (double) b[o * r + k] * a[k * in + i];
            }
            base[o * in + i] += (float) (cfg.scale() * d);
          }
        }
        merged.put(w, base);
      }
      float[] got = logits(model, m);
      float[][] expected =
          new ReferenceLlama(tiny.config(), merged)
              .logits(toInt(IDS), new int[] {1, 1, 1, 1, 1, 1, 1, 1});
      float[][] unmerged =
          new ReferenceLlama(tiny.config(), tiny.weights())
              .logits(toInt(IDS), new int[] {1, 1, 1, 1, 1, 1, 1, 1});
      int v = tiny.config().vocabSize();
      double maxDiff = 0;
      double change = 0;
      for (int i = 0; i < IDS.length; i++) {
        for (int k = 0; k < v; k++) {
          maxDiff = Math.max(maxDiff, Math.abs(expected[i][k] - got[i * v + k]));
          change = Math.max(change, Math.abs(unmerged[i][k] - got[i * v + k]));
        }
      }
      assertThat(maxDiff).isLessThan(1e-4);
      assertThat(change).isGreaterThan(1e-2);
    }
  }

  static int[] toInt(long[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  @Test
  void invalidConfigurationsAreRejectedWithReasons() {
    Set<TargetModule> q = EnumSet.of(TargetModule.Q_PROJ);
    assertThatThrownBy(() -> new LoraConfig(0, 8, 0, q, 1)).hasMessageContaining("rank");
    assertThatThrownBy(() -> new LoraConfig(4, 8, 1.0, q, 1)).hasMessageContaining("dropout");
    assertThatThrownBy(() -> new LoraConfig(4, 8, 0, Set.of(), 1)).hasMessageContaining("target");
    assertThatThrownBy(() -> TargetModule.fromPeftName("c_attn")).hasMessageContaining("c_attn");
    assertThat(TargetModule.fromPeftName("gate_proj")).isEqualTo(TargetModule.GATE_PROJ);
  }
}
