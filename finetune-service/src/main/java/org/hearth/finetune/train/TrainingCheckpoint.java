package org.hearth.finetune.train;

import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.hearth.finetune.safetensors.SafetensorsReader;
import org.hearth.finetune.safetensors.SafetensorsWriter;
import org.hearth.finetune.safetensors.TensorData;

/**
 * A resumable training checkpoint directory: {@code adapter.safetensors} (A/B by PEFT name), {@code
 * optimizer.safetensors} (AdamW moments) and {@code state.json} (step, update count, seed). Data
 * order and dropout are functions of (seed, step), so this is the whole RNG state. Written to a
 * sibling temp directory and moved into place, so a crash never leaves half a checkpoint.
 */
public final class TrainingCheckpoint {
  private static final String ADAPTER = "adapter.safetensors";
  private static final String OPTIMIZER = "optimizer.safetensors";
  private static final String STATE = "state.json";

  private TrainingCheckpoint() {}

  /** Saves the trainer's state into {@code dir} (replacing an older checkpoint there). */
  public static void save(Path dir, LoraTrainer trainer) throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    Map<String, TensorData> adapter = new LinkedHashMap<>();
    trainer
        .adapters()
        .parameters()
        .forEach((n, p) -> adapter.put(n, tensor(p, p.getArray().toFloatArray())));
    SafetensorsWriter.write(tmp.resolve(ADAPTER), adapter, Map.of("format", "pt"));
    Map<String, TensorData> opt = new LinkedHashMap<>();
    Map<String, Parameter> params = trainer.adapters().parameters();
    trainer
        .optimizer()
        .state()
        .forEach((n, v) -> opt.put(n, tensor(params.get(n.substring(2)), v)));
    SafetensorsWriter.write(tmp.resolve(OPTIMIZER), opt, Map.of());
    ObjectMapper json = new ObjectMapper();
    ObjectNode state = json.createObjectNode();
    state.put("step", trainer.completedSteps());
    state.put("optimizer_updates", trainer.optimizer().updates());
    state.put("seed", trainer.config().seed());
    json.writeValue(tmp.resolve(STATE).toFile(), state);
    Path old = dir.resolveSibling(dir.getFileName() + ".old");
    deleteTree(old);
    if (Files.exists(dir)) {
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /**
   * The complete checkpoint saved last under {@code dir}: {@code dir} itself, or the previous one
   * ({@code <dir>.old}) when a process died between the two renames of {@link #save} (the new one
   * still sits in {@code <dir>.tmp}, maybe half written, and is not trusted). {@code dir} when
   * neither is complete.
   */
  public static Path latest(Path dir) {
    if (Files.isRegularFile(dir.resolve(STATE))) {
      return dir;
    }
    Path old = dir.resolveSibling(dir.getFileName() + ".old");
    return Files.isRegularFile(old.resolve(STATE)) ? old : dir;
  }

  /** Restores a checkpoint into a trainer built with the same model, adapters and config. */
  public static int restore(Path dir, LoraTrainer trainer) throws IOException {
    JniUtils.setGradMode(false); // the loads below write parameters in place (see LoraTrainer)
    JsonNode state = new ObjectMapper().readTree(dir.resolve(STATE).toFile());
    long seed = state.path("seed").asLong();
    if (seed != trainer.config().seed()) {
      throw new IllegalArgumentException(
          "checkpoint seed " + seed + " differs from the run's seed " + trainer.config().seed());
    }
    trainer.adapters().load(readAll(dir.resolve(ADAPTER)));
    trainer
        .optimizer()
        .restore(
            trainer.adapters().parameters(),
            readAll(dir.resolve(OPTIMIZER)),
            state.path("optimizer_updates").asInt());
    int step = state.path("step").asInt();
    trainer.restore(step);
    return step;
  }

  private static TensorData tensor(Parameter p, float[] values) {
    return TensorData.f32(values, p.getArray().getShape().getShape());
  }

  private static Map<String, FloatBuffer> readAll(Path file) throws IOException {
    Map<String, FloatBuffer> out = new LinkedHashMap<>();
    try (SafetensorsReader r = SafetensorsReader.open(file)) {
      for (String n : r.tensors().keySet()) {
        out.put(n, r.readFloats(n));
      }
    }
    return out;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
