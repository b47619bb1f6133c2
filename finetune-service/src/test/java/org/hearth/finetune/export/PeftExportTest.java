package org.hearth.finetune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.lora.LoraConfig;
import org.hearth.finetune.lora.TargetModule;
import org.hearth.finetune.model.LlamaLoader;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.TinyLlama;
import org.hearth.finetune.safetensors.DType;
import org.hearth.finetune.safetensors.SafetensorsReader;
import org.hearth.finetune.train.Example;
import org.hearth.finetune.train.LoraTrainer;
import org.hearth.finetune.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeftExportTest {
  static final long[] IDS = {12, 17, 18, 14, 2, 16, 21, 13, 15};
  static final LoraConfig LORA =
      new LoraConfig(
          4,
          16,
          0.0,
          EnumSet.of(TargetModule.Q_PROJ, TargetModule.V_PROJ, TargetModule.UP_PROJ),
          5);

  @TempDir static Path base;
  @TempDir static Path adapterDir;
  @TempDir static Path mergedDir;
  static float[] trainedLogits;

  /** Trains a few steps so that B != 0, then exports the adapter and the merged weights. */
  @BeforeAll
  static void trainAndExport() throws IOException {
    TinyLlama.write(base, TinyLlama.config(true, true), 31, DType.BF16);
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(base, m);
      LoraAdapters lora = LoraAdapters.attach(model, LORA, m);
      List<Example> data = List.of(new Example(IDS, 4));
      try (LoraTrainer t =
          new LoraTrainer(model, lora, TrainingConfig.defaults(5e-2, 0, 5, 1, 1), data, 0, m)) {
        for (int i = 0; i < 5; i++) {
          t.trainStep();
        }
      }
      trainedLogits = logits(model, m);
      PeftAdapter.write(adapterDir, lora, "hearth/tiny-llama");
      MergedExporter.export(mergedDir, model, lora, base, 8_000);
    }
  }

  static float[] logits(LlamaModel model, NDManager m) {
    Shape s = new Shape(1, IDS.length);
    long[] mask = new long[IDS.length];
    Arrays.fill(mask, 1);
    return model.logits(m.create(IDS, s), m.create(mask, s), false).toFloatArray();
  }

  @Test
  void adapterConfigIsPeftWithIntegerAlpha() throws IOException {
    JsonNode c = new ObjectMapper().readTree(adapterDir.resolve("adapter_config.json").toFile());
    assertThat(c.get("lora_alpha").isInt()).isTrue();
    assertThat(c.get("lora_alpha").asInt()).isEqualTo(16);
    assertThat(c.get("r").asInt()).isEqualTo(4);
    assertThat(c.get("peft_type").asText()).isEqualTo("LORA");
    assertThat(c.get("base_model_name_or_path").asText()).isEqualTo("hearth/tiny-llama");
    assertThat(c.get("target_modules"))
        .extracting(JsonNode::asText)
        .containsExactly("q_proj", "v_proj", "up_proj");
    try (SafetensorsReader r =
        SafetensorsReader.open(adapterDir.resolve("adapter_model.safetensors"))) {
      assertThat(r.tensors()).hasSize(2 * 3 * 2);
      assertThat(
              r.tensors()
                  .get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
                  .shape())
          .containsExactly(4, 16);
      assertThat(
              r.tensors().get("base_model.model.model.layers.1.mlp.up_proj.lora_B.weight").shape())
          .containsExactly(24, 4);
      assertThat(
              r.tensors()
                  .get("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight")
                  .shape())
          .containsExactly(8, 4);
    }
  }

  @Test
  void reloadedAdapterGivesTheSameOutputs() throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(base, m);
      float[] plain = logits(model, m);
      PeftAdapter.attach(model, adapterDir, m);
      float[] reloaded = logits(model, m);
      assertThat(reloaded).containsExactly(trainedLogits);
      assertThat(maxDiff(plain, trainedLogits)).isGreaterThan(1e-3);
    }
  }

  @Test
  void mergedWeightsEqualUnmergedAdapter() throws IOException {
    assertThat(mergedDir.resolve("model.safetensors.index.json")).exists();
    assertThat(mergedDir.resolve("tokenizer.json")).exists();
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel merged = LlamaLoader.load(mergedDir, m);
      double diff = maxDiff(logits(merged, m), trainedLogits);
      System.out.printf("merged vs unmerged max |diff| = %.3g%n", diff);
      assertThat(diff).isLessThan(1e-4);
    }
  }

  @Test
  void badAdapterConfigsAreTypedErrors() throws IOException {
    Path dir = Files.createTempDirectory(adapterDir.getParent(), "bad");
    Files.writeString(
        dir.resolve("adapter_config.json"),
        "{\"r\":4,\"lora_alpha\":16.5,\"target_modules\":[\"q_proj\"]}");
    assertThatThrownBy(() -> PeftAdapter.readConfig(dir))
        .isInstanceOf(AdapterFormatException.class)
        .hasMessageContaining("integer");
    Files.writeString(
        dir.resolve("adapter_config.json"),
        "{\"r\":4,\"lora_alpha\":16,\"target_modules\":[\"c_attn\"]}");
    assertThatThrownBy(() -> PeftAdapter.readConfig(dir))
        .isInstanceOf(AdapterFormatException.class)
        .hasMessageContaining("c_attn");
    assertThatThrownBy(() -> PeftAdapter.readConfig(dir.resolve("nope")))
        .isInstanceOf(AdapterFormatException.class);
  }

  static double maxDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
