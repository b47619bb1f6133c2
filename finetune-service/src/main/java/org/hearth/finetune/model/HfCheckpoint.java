package org.hearth.finetune.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.hearth.finetune.safetensors.SafetensorsReader;
import org.hearth.finetune.safetensors.TensorInfo;

/**
 * A Hugging Face checkpoint directory: {@code config.json} plus either {@code
 * model.safetensors.index.json} with its shards or a single {@code *.safetensors} file. Tensors are
 * read one at a time, on demand.
 */
public final class HfCheckpoint implements AutoCloseable {
  public static final String INDEX = "model.safetensors.index.json";

  private final LlamaConfig config;
  private final Map<Path, SafetensorsReader> shards;
  private final Map<String, SafetensorsReader> byTensor;

  private HfCheckpoint(
      LlamaConfig config,
      Map<Path, SafetensorsReader> shards,
      Map<String, SafetensorsReader> byTensor) {
    this.config = config;
    this.shards = shards;
    this.byTensor = byTensor;
  }

  /** Opens a checkpoint directory. */
  public static HfCheckpoint open(Path dir) throws IOException {
    LlamaConfig config = LlamaConfig.read(dir.resolve("config.json"));
    Map<Path, SafetensorsReader> shards = new LinkedHashMap<>();
    Map<String, SafetensorsReader> byTensor = new LinkedHashMap<>();
    try {
      Path index = dir.resolve(INDEX);
      if (Files.isRegularFile(index)) {
        JsonNode weightMap = new ObjectMapper().readTree(index.toFile()).get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
          throw new ModelFormatException(index + ": no weight_map object");
        }
        for (var it = weightMap.fields(); it.hasNext(); ) {
          var e = it.next();
          Path shard = dir.resolve(e.getValue().asText()).normalize();
          if (!shard.startsWith(dir.normalize())) {
            throw new ModelFormatException(index + ": shard path escapes the directory");
          }
          SafetensorsReader reader = shards.get(shard);
          if (reader == null) {
            if (!Files.isRegularFile(shard)) {
              throw new ModelFormatException(index + ": missing shard " + shard.getFileName());
            }
            reader = SafetensorsReader.open(shard);
            shards.put(shard, reader);
          }
          if (!reader.tensors().containsKey(e.getKey())) {
            throw new ModelFormatException(
                shard.getFileName() + " lacks " + e.getKey() + " named by the index");
          }
          byTensor.put(e.getKey(), reader);
        }
      } else {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f :
              files.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList()) {
            SafetensorsReader reader = SafetensorsReader.open(f);
            shards.put(f, reader);
            reader.tensors().keySet().forEach(n -> byTensor.put(n, reader));
          }
        }
        if (shards.isEmpty()) {
          throw new ModelFormatException(dir + ": no safetensors file and no " + INDEX);
        }
      }
    } catch (IOException | RuntimeException e) {
      for (SafetensorsReader r : shards.values()) {
        r.close();
      }
      throw e;
    }
    return new HfCheckpoint(config, shards, byTensor);
  }

  public LlamaConfig config() {
    return config;
  }

  /** Whether the checkpoint holds a tensor of that name. */
  public boolean has(String name) {
    return byTensor.containsKey(name);
  }

  /** Header entry of a tensor. */
  public TensorInfo info(String name) throws ModelFormatException {
    SafetensorsReader r = byTensor.get(name);
    if (r == null) {
      throw new ModelFormatException("checkpoint lacks tensor " + name);
    }
    return r.tensors().get(name);
  }

  /** Reads one tensor widened to FP32. */
  public FloatBuffer read(String name) throws IOException {
    info(name);
    return byTensor.get(name).readFloats(name);
  }

  /** Reads elements {@code first .. first+count-1} (row-major) of a tensor widened to FP32. */
  public FloatBuffer read(String name, long first, int count) throws IOException {
    info(name);
    return byTensor.get(name).readFloats(name, first, count);
  }

  @Override
  public void close() throws IOException {
    for (SafetensorsReader r : shards.values()) {
      r.close();
    }
  }
}
