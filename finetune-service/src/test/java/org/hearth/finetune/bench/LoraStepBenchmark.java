package org.hearth.finetune.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.hearth.finetune.export.PeftAdapter;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.lora.LoraConfig;
import org.hearth.finetune.lora.TargetModule;
import org.hearth.finetune.model.LlamaConfig;
import org.hearth.finetune.model.LlamaLoader;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.safetensors.SafetensorsWriter;
import org.hearth.finetune.safetensors.TensorData;
import org.hearth.finetune.train.DataOrder;
import org.hearth.finetune.train.Example;
import org.hearth.finetune.train.LoraTrainer;
import org.hearth.finetune.train.LossCurveSvg;
import org.hearth.finetune.train.StepResult;
import org.hearth.finetune.train.TrainingConfig;

/**
 * The LoRA-step benchmark of docs/benchmarks.md (run by {@code bench/lora-step.sh}, not by the test
 * suite). {@code prepare DIR} writes a ~20M-parameter Llama (HF format), the initial PEFT adapter,
 * the data and its order; {@code train DIR} runs the steps in Java/DJL; {@code report DIR} draws
 * both loss curves. bench/lora_step.py runs the same steps in PyTorch from the same files.
 */
public final class LoraStepBenchmark {
  static final int SEQ = 256;
  static final int PROMPT = 128;
  static final int BATCH = 4;
  static final int EXAMPLES = 16;
  static final int WARMUP_STEPS = 3;
  static final int STEPS = 13;
  static final LlamaConfig CONFIG =
      new LlamaConfig(8192, 512, 1376, 4, 8, 2, 64, 1e-5, 10000, 512, false, Optional.empty());
  static final LoraConfig LORA =
      new LoraConfig(
          8,
          16,
          0.0,
          EnumSet.of(
              TargetModule.Q_PROJ, TargetModule.K_PROJ, TargetModule.V_PROJ, TargetModule.O_PROJ),
          7);
  static final TrainingConfig TRAINING =
      new TrainingConfig(5e-3, 0.0, 0.9, 0.999, 1e-8, 2, STEPS, 0.1, BATCH, 1, 1.0, 42);

  private LoraStepBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "prepare" -> prepare(dir);
      case "train" -> train(dir);
      case "report" -> report(dir, Path.of(args[2]));
      default -> throw new IllegalArgumentException("prepare|train|report DIR");
    }
  }

  static void prepare(Path dir) throws IOException {
    Path model = dir.resolve("model");
    Files.createDirectories(model);
    Random rnd = new Random(1);
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel shapes = new LlamaModel(CONFIG);
      long params = 0;
      for (var e : shapes.weightSlots().entrySet()) {
        long[] shape = e.getValue().shape().getShape();
        float[] v = new float[(int) e.getValue().shape().size()];
        boolean norm = e.getKey().endsWith("norm.weight");
        for (int i = 0; i < v.length; i++) {
          v[i] = norm ? 1f : (float) (rnd.nextGaussian() * 0.02);
        }
        params += v.length;
        tensors.put(e.getKey(), TensorData.f32(v, shape));
      }
      SafetensorsWriter.write(model.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
      CONFIG.write(model.resolve("config.json"));
      LlamaModel loaded = LlamaLoader.load(model, m);
      PeftAdapter.write(dir.resolve("adapter"), LoraAdapters.attach(loaded, LORA, m), "bench");
      System.out.println("base parameters: " + params);
    }
    List<Example> examples = examples();
    DataOrder order = new DataOrder(examples, TRAINING.seed(), BATCH);
    Map<Example, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < examples.size(); i++) {
      index.put(examples.get(i), i);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode data = json.createObjectNode();
    data.put("prompt_length", PROMPT);
    ArrayNode seqs = data.putArray("sequences");
    examples.forEach(e -> seqs.addPOJO(e.tokens()));
    ArrayNode steps = data.putArray("order");
    for (int s = 0; s < STEPS; s++) {
      ArrayNode batch = steps.addArray();
      order.microBatch(s).forEach(e -> batch.add(index.get(e)));
    }
    ObjectNode t = data.putObject("training");
    t.put("lr", TRAINING.learningRate());
    t.put("warmup", TRAINING.warmupSteps());
    t.put("total", TRAINING.totalSteps());
    t.put("min_lr_ratio", TRAINING.minLrRatio());
    t.put("max_grad_norm", TRAINING.maxGradNorm());
    t.put("measure_from", WARMUP_STEPS + 1);
    json.writeValue(dir.resolve("data.json").toFile(), data);
  }

  static List<Example> examples() {
    Random rnd = new Random(3);
    List<Example> out = new ArrayList<>();
    for (int n = 0; n < EXAMPLES; n++) {
      long[] tokens = new long[SEQ];
      for (int i = 0; i < SEQ; i++) {
        tokens[i] = rnd.nextInt(CONFIG.vocabSize());
      }
      out.add(new Example(tokens, PROMPT));
    }
    return out;
  }

  static void train(Path dir) throws IOException {
    List<Double> losses = new ArrayList<>();
    List<Double> stepMs = new ArrayList<>();
    long tokensPerStep = 0;
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaModel model = LlamaLoader.load(dir.resolve("model"), m);
      LoraAdapters lora = PeftAdapter.attach(model, dir.resolve("adapter"), m);
      try (LoraTrainer trainer = new LoraTrainer(model, lora, TRAINING, examples(), 0, m)) {
        for (int s = 1; s <= STEPS; s++) {
          long t0 = System.nanoTime();
          StepResult r = trainer.trainStep();
          long dt = System.nanoTime() - t0;
          losses.add(r.loss());
          if (s > WARMUP_STEPS) {
            stepMs.add(dt / 1e6);
            tokensPerStep = r.tokens();
          }
          System.out.printf("step %d loss %.4f %.0f ms%n", s, r.loss(), dt / 1e6);
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    out.put("impl", "Hearth (Java, DJL 0.33.0, libtorch 2.5.1)");
    List<Double> sorted = stepMs.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    out.put("tokens_per_step", tokensPerStep);
    out.put("median_step_ms", median);
    out.put("best_step_ms", sorted.get(0));
    out.put("tokens_per_s_median", tokensPerStep / (median / 1e3));
    out.put("tokens_per_s_best", tokensPerStep / (sorted.get(0) / 1e3));
    ArrayNode times = out.putArray("step_ms");
    stepMs.forEach(times::add);
    out.put("peak_rss_mb", peakRssMb());
    ArrayNode l = out.putArray("losses");
    losses.forEach(l::add);
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("result-java.json").toFile(), out);
    System.out.println(out.toPrettyString());
  }

  static double peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    return -1;
  }

  static void report(Path dir, Path svg) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<LossCurveSvg.Series> series = new ArrayList<>();
    for (String f : List.of("result-java.json", "result-python.json")) {
      JsonNode r = json.readTree(dir.resolve(f).toFile());
      List<Double> losses = new ArrayList<>();
      r.path("losses").forEach(x -> losses.add(x.asDouble()));
      series.add(new LossCurveSvg.Series(r.path("impl").asText(), losses));
    }
    Files.writeString(svg, LossCurveSvg.render("LoRA r=8 on a 19.5M-parameter Llama, CPU", series));
  }
}
