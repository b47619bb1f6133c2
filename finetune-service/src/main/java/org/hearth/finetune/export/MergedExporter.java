package org.hearth.finetune.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.lora.LoraBlock;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.model.WeightSlot;
import org.hearth.finetune.safetensors.DType;
import org.hearth.finetune.safetensors.SafetensorsWriter;
import org.hearth.finetune.safetensors.TensorData;

/**
 * Writes a Hugging Face checkpoint in which every adapted projection holds {@code W + (alpha/r) B
 * A}: config.json, FP32 safetensors shards of at most {@code maxShardBytes} (with {@code
 * model.safetensors.index.json} when there is more than one) and the base tokenizer.json.
 */
public final class MergedExporter {
  private MergedExporter() {}

  public static void export(
      Path out, LlamaModel model, LoraAdapters adapters, Path baseDir, long maxShardBytes)
      throws IOException {
    Files.createDirectories(out);
    model.config().write(out.resolve("config.json"));
    Path tokenizer = baseDir.resolve("tokenizer.json");
    if (Files.isRegularFile(tokenizer)) {
      Files.copy(tokenizer, out.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    List<Map<String, TensorData>> shards = new ArrayList<>();
    Map<String, TensorData> current = new LinkedHashMap<>();
    long currentBytes = 0;
    for (Map.Entry<String, WeightSlot> e : model.weightSlots().entrySet()) {
      TensorData t = merged(e.getKey(), e.getValue(), adapters);
      long bytes = 4L * t.values().length;
      if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
        shards.add(current);
        current = new LinkedHashMap<>();
        currentBytes = 0;
      }
      current.put(e.getKey(), t);
      currentBytes += bytes;
    }
    shards.add(current);
    if (shards.size() == 1) {
      SafetensorsWriter.write(out.resolve("model.safetensors"), current, Map.of("format", "pt"));
      return;
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode index = json.createObjectNode();
    ObjectNode weightMap = index.putObject("weight_map");
    for (int i = 0; i < shards.size(); i++) {
      String file = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      shards.get(i).keySet().forEach(n -> weightMap.put(n, file));
      SafetensorsWriter.write(out.resolve(file), shards.get(i), Map.of("format", "pt"));
    }
    json.writeValue(out.resolve("model.safetensors.index.json").toFile(), index);
  }

  private static TensorData merged(String name, WeightSlot slot, LoraAdapters adapters) {
    NDArray w = slot.parameter().getArray();
    long[] shape = slot.shape().getShape();
    String module = name.substring(0, name.length() - ".weight".length());
    LoraBlock lora = adapters.blocks().get(module);
    if (lora == null) {
      return new TensorData(DType.F32, shape, w.toFloatArray());
    }
    try (NDManager scratch = w.getManager().newSubManager()) {
      NDArray ba = lora.b().getArray().matMul(lora.a().getArray());
      ba.attach(scratch);
      NDArray delta = scratch.create(adapters.config().scale()).mul(ba);
      return new TensorData(DType.F32, shape, delta.add(w).toFloatArray());
    }
  }
}
