package org.hearth.finetune.export;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.lora.LoraConfig;
import org.hearth.finetune.lora.TargetModule;
import org.hearth.finetune.model.LlamaModel;
import org.hearth.finetune.safetensors.SafetensorsReader;
import org.hearth.finetune.safetensors.SafetensorsWriter;
import org.hearth.finetune.safetensors.TensorData;

/**
 * The Hugging Face PEFT adapter format: {@code adapter_config.json} (integer {@code lora_alpha}, as
 * Ollama requires) and {@code adapter_model.safetensors} with keys such as {@code
 * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}, A [r, in], B [out, r].
 */
public final class PeftAdapter {
  public static final String CONFIG = "adapter_config.json";
  public static final String WEIGHTS = "adapter_model.safetensors";

  private PeftAdapter() {}

  /** Writes the adapters of a trained model to {@code dir}. */
  public static void write(Path dir, LoraAdapters adapters, String baseModelNameOrPath)
      throws IOException {
    Files.createDirectories(dir);
    LoraConfig c = adapters.config();
    ObjectMapper json = new ObjectMapper();
    ObjectNode n = json.createObjectNode();
    n.put("peft_type", "LORA");
    n.put("task_type", "CAUSAL_LM");
    n.put("base_model_name_or_path", baseModelNameOrPath);
    n.put("r", c.rank());
    n.put("lora_alpha", c.alpha());
    n.put("lora_dropout", c.dropout());
    ArrayNode targets = n.putArray("target_modules");
    EnumSet.copyOf(c.targets()).forEach(t -> targets.add(t.peftName()));
    n.put("bias", "none");
    n.put("fan_in_fan_out", false);
    n.put("inference_mode", true);
    n.put("use_rslora", false);
    n.put("use_dora", false);
    n.putNull("modules_to_save");
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), n);
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    adapters
        .parameters()
        .forEach(
            (name, p) ->
                tensors.put(
                    name,
                    TensorData.f32(
                        p.getArray().toFloatArray(), p.getArray().getShape().getShape())));
    SafetensorsWriter.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
  }

  /** Reads {@code adapter_config.json} into a LoRA configuration. */
  public static LoraConfig readConfig(Path dir) throws IOException {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new AdapterFormatException("missing " + file);
    }
    JsonNode n = new ObjectMapper().readTree(file.toFile());
    if (!n.path("peft_type").asText("LORA").equals("LORA")) {
      throw new AdapterFormatException(
          "peft_type " + n.path("peft_type").asText() + " is not LORA");
    }
    JsonNode alpha = n.get("lora_alpha");
    if (alpha == null || !alpha.isIntegralNumber()) {
      throw new AdapterFormatException("lora_alpha must be an integer (Ollama rejects others)");
    }
    JsonNode r = n.get("r");
    if (r == null || !r.isIntegralNumber()) {
      throw new AdapterFormatException("r must be an integer");
    }
    Set<TargetModule> targets = EnumSet.noneOf(TargetModule.class);
    try {
      for (JsonNode t : n.path("target_modules")) {
        targets.add(TargetModule.fromPeftName(t.asText()));
      }
      return new LoraConfig(
          r.asInt(), alpha.asInt(), n.path("lora_dropout").asDouble(0), targets, 0);
    } catch (IllegalArgumentException e) {
      throw new AdapterFormatException(file + ": " + e.getMessage());
    }
  }

  /** Attaches the adapter stored in {@code dir} to a freshly loaded base model. */
  public static LoraAdapters attach(LlamaModel model, Path dir, NDManager manager)
      throws IOException {
    LoraConfig config = readConfig(dir);
    LoraAdapters adapters = LoraAdapters.attach(model, config, manager);
    Map<String, FloatBuffer> values = new LinkedHashMap<>();
    try (SafetensorsReader reader = SafetensorsReader.open(dir.resolve(WEIGHTS))) {
      for (String name : reader.tensors().keySet()) {
        if (!adapters.parameters().containsKey(name)) {
          throw new AdapterFormatException("unexpected adapter tensor " + name);
        }
        values.put(name, reader.readFloats(name));
      }
    }
    try {
      adapters.load(values);
    } catch (IllegalArgumentException e) {
      throw new AdapterFormatException(e.getMessage());
    }
    return adapters;
  }
}
