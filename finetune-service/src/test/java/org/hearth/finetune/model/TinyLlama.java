package org.hearth.finetune.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.hearth.finetune.safetensors.DType;
import org.hearth.finetune.safetensors.SafetensorsWriter;
import org.hearth.finetune.safetensors.TensorData;

/**
 * A tiny random Llama written in Hugging Face format by the tests: config.json, two safetensors
 * shards with model.safetensors.index.json, and a WordLevel tokenizer.json. {@link #weights()}
 * holds the exact FP32 values the files encode (BF16-rounded when stored as BF16).
 */
public record TinyLlama(Path dir, LlamaConfig config, Map<String, float[]> weights) {
  public static final List<String> WORDS =
      List.of(
          "<pad>",
          "<unk>",
          "the",
          "cat",
          "sat",
          "on",
          "mat",
          "a",
          "dog",
          "ran",
          "to",
          "park",
          "question",
          "answer",
          "is",
          "blue",
          "sky",
          "what",
          "color",
          "red",
          "green",
          "?",
          "hearth",
          "family",
          "likes",
          "tea",
          "coffee",
          "morning",
          "evening",
          "walks",
          "reads",
          "books");

  /** A small config: 32 tokens, width 16, 2 layers, 4 query / 2 key-value heads. */
  public static LlamaConfig config(boolean tied, boolean llama3Scaling) {
    return new LlamaConfig(
        WORDS.size(),
        16,
        24,
        2,
        4,
        2,
        4,
        1e-5,
        10000,
        64,
        tied,
        llama3Scaling ? Optional.of(new RopeScaling(8, 1, 4, 8)) : Optional.empty());
  }

  /** Writes a random model; BF16 storage makes the loader widen in Java. */
  public static TinyLlama write(Path dir, LlamaConfig c, long seed, DType dtype)
      throws IOException {
    Files.createDirectories(dir);
    Random rnd = new Random(seed);
    Map<String, long[]> shapes = new LinkedHashMap<>();
    int h = c.hiddenSize();
    int qOut = c.numAttentionHeads() * c.headDim();
    int kvOut = c.numKeyValueHeads() * c.headDim();
    shapes.put("model.embed_tokens.weight", new long[] {c.vocabSize(), h});
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      shapes.put(p + "input_layernorm.weight", new long[] {h});
      shapes.put(p + "self_attn.q_proj.weight", new long[] {qOut, h});
      shapes.put(p + "self_attn.k_proj.weight", new long[] {kvOut, h});
      shapes.put(p + "self_attn.v_proj.weight", new long[] {kvOut, h});
      shapes.put(p + "self_attn.o_proj.weight", new long[] {h, qOut});
      shapes.put(p + "post_attention_layernorm.weight", new long[] {h});
      shapes.put(p + "mlp.gate_proj.weight", new long[] {c.intermediateSize(), h});
      shapes.put(p + "mlp.up_proj.weight", new long[] {c.intermediateSize(), h});
      shapes.put(p + "mlp.down_proj.weight", new long[] {h, c.intermediateSize()});
    }
    shapes.put("model.norm.weight", new long[] {h});
    if (!c.tieWordEmbeddings()) {
      shapes.put("lm_head.weight", new long[] {c.vocabSize(), h});
    }
    Map<String, float[]> weights = new LinkedHashMap<>();
    Map<String, TensorData> first = new LinkedHashMap<>();
    Map<String, TensorData> second = new LinkedHashMap<>();
    ObjectNode index = new ObjectMapper().createObjectNode();
    index.putObject("metadata").put("total_size", 0);
    ObjectNode weightMap = index.putObject("weight_map");
    List<String> names = new ArrayList<>(shapes.keySet());
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      long[] shape = shapes.get(name);
      int count = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
      float[] v = new float[count];
      boolean norm = name.endsWith("norm.weight");
      for (int i = 0; i < count; i++) {
        float x = norm ? 1f + 0.1f * (float) rnd.nextGaussian() : 0.3f * (float) rnd.nextGaussian();
        v[i] = dtype == DType.BF16 ? Float.intBitsToFloat(SafetensorsWriter.toBf16(x) << 16) : x;
      }
      weights.put(name, v);
      boolean inFirst = n < names.size() / 2;
      (inFirst ? first : second).put(name, new TensorData(dtype, shape, v));
      weightMap.put(
          name, inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
    }
    SafetensorsWriter.write(
        dir.resolve("model-00001-of-00002.safetensors"), first, Map.of("format", "pt"));
    SafetensorsWriter.write(
        dir.resolve("model-00002-of-00002.safetensors"), second, Map.of("format", "pt"));
    new ObjectMapper().writeValue(dir.resolve(HfCheckpoint.INDEX).toFile(), index);
    c.write(dir.resolve("config.json"));
    writeTokenizer(dir.resolve("tokenizer.json"));
    return new TinyLlama(dir, c, weights);
  }

  /** A WordLevel tokenizer over {@link #WORDS} with whitespace pre-tokenisation. */
  public static void writeTokenizer(Path file) throws IOException {
    writeTokenizer(file, WORDS);
  }

  /** A WordLevel tokenizer over {@code words} (id = index) with whitespace pre-tokenisation. */
  public static void writeTokenizer(Path file, List<String> words) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    root.putArray("added_tokens");
    root.putNull("normalizer");
    root.putObject("pre_tokenizer").put("type", "Whitespace");
    root.putNull("post_processor");
    root.putNull("decoder");
    ObjectNode model = root.putObject("model");
    model.put("type", "WordLevel");
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < words.size(); i++) {
      vocab.put(words.get(i), i);
    }
    model.put("unk_token", "<unk>");
    json.writeValue(file.toFile(), root);
  }
}
