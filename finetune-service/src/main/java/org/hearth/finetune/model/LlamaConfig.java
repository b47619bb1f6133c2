package org.hearth.finetune.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of a Hugging Face Llama {@code config.json} that the forward pass needs.
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param intermediateSize {@code intermediate_size} (SwiGLU width)
 * @param numHiddenLayers {@code num_hidden_layers}
 * @param numAttentionHeads {@code num_attention_heads}
 * @param numKeyValueHeads {@code num_key_value_heads} (grouped-query attention)
 * @param headDim {@code head_dim} (defaults to hidden_size / num_attention_heads)
 * @param rmsNormEps {@code rms_norm_eps}
 * @param ropeTheta {@code rope_theta}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param tieWordEmbeddings {@code tie_word_embeddings}: the LM head reuses the embedding matrix
 * @param ropeScaling Llama 3 {@code rope_scaling}, if any
 */
public record LlamaConfig(
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    int maxPositionEmbeddings,
    boolean tieWordEmbeddings,
    Optional<RopeScaling> ropeScaling) {

  public LlamaConfig {
    if (numAttentionHeads % numKeyValueHeads != 0) {
      throw new IllegalArgumentException(
          "num_attention_heads must be a multiple of num_key_value_heads");
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("head_dim must be even for rotary embeddings");
    }
  }

  /** Reads {@code config.json}. */
  public static LlamaConfig read(Path configJson) throws IOException {
    if (!Files.isRegularFile(configJson)) {
      throw new ModelFormatException("missing " + configJson);
    }
    JsonNode n = new ObjectMapper().readTree(configJson.toFile());
    String type = n.path("model_type").asText("llama");
    if (!type.equals("llama")) {
      throw new ModelFormatException("model_type " + type + " is not a Llama architecture");
    }
    int hidden = required(n, "hidden_size");
    int heads = required(n, "num_attention_heads");
    Optional<RopeScaling> scaling = Optional.empty();
    JsonNode rs = n.get("rope_scaling");
    if (rs != null && !rs.isNull()) {
      String ropeType = rs.path("rope_type").asText(rs.path("type").asText(""));
      if (!ropeType.equals("llama3")) {
        throw new ModelFormatException("rope_scaling type " + ropeType + " is not supported");
      }
      scaling =
          Optional.of(
              new RopeScaling(
                  rs.path("factor").asDouble(8),
                  rs.path("low_freq_factor").asDouble(1),
                  rs.path("high_freq_factor").asDouble(4),
                  rs.path("original_max_position_embeddings").asInt(8192)));
    }
    try {
      return new LlamaConfig(
          required(n, "vocab_size"),
          hidden,
          required(n, "intermediate_size"),
          required(n, "num_hidden_layers"),
          heads,
          n.path("num_key_value_heads").asInt(heads),
          n.path("head_dim").asInt(hidden / heads),
          n.path("rms_norm_eps").asDouble(1e-6),
          n.path("rope_theta").asDouble(10000),
          n.path("max_position_embeddings").asInt(2048),
          n.path("tie_word_embeddings").asBoolean(false),
          scaling);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(configJson + ": " + e.getMessage());
    }
  }

  private static int required(JsonNode n, String field) throws ModelFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
      throw new ModelFormatException("config.json: " + field + " missing or not positive");
    }
    return v.asInt();
  }

  /** Writes this configuration as a Hugging Face {@code config.json}. */
  public void write(Path configJson) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode n = json.createObjectNode();
    n.putArray("architectures").add("LlamaForCausalLM");
    n.put("model_type", "llama");
    n.put("vocab_size", vocabSize);
    n.put("hidden_size", hiddenSize);
    n.put("intermediate_size", intermediateSize);
    n.put("num_hidden_layers", numHiddenLayers);
    n.put("num_attention_heads", numAttentionHeads);
    n.put("num_key_value_heads", numKeyValueHeads);
    n.put("head_dim", headDim);
    n.put("rms_norm_eps", rmsNormEps);
    n.put("rope_theta", ropeTheta);
    n.put("max_position_embeddings", maxPositionEmbeddings);
    n.put("tie_word_embeddings", tieWordEmbeddings);
    n.put("hidden_act", "silu");
    n.put("torch_dtype", "float32");
    ropeScaling.ifPresent(
        s -> {
          ObjectNode r = n.putObject("rope_scaling");
          r.put("rope_type", "llama3");
          r.put("factor", s.factor());
          r.put("low_freq_factor", s.lowFreqFactor());
          r.put("high_freq_factor", s.highFreqFactor());
          r.put("original_max_position_embeddings", s.originalMaxPositionEmbeddings());
        });
    json.writerWithDefaultPrettyPrinter().writeValue(configJson.toFile(), n);
  }
}
