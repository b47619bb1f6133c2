package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama-architecture causal language model ({@code LlamaForCausalLM}). Inputs: token ids [B, T]
 * (int64) and an attention mask [B, T] (1 = real token, 0 = padding); output: logits [B, T, V].
 * Parameters are addressed by their Hugging Face tensor names through {@link #weightSlots()}.
 */
public final class LlamaModel extends LoadedBlock {
  private static final float MASKED = -1e9f;

  private final LlamaConfig config;
  private final Parameter embedTokens;
  private final List<LlamaDecoderLayer> layers = new ArrayList<>();
  private final RmsNorm norm;
  private final Projection lmHead;
  private final RotaryEmbedding rotary;

  public LlamaModel(LlamaConfig config) {
    this.config = config;
    this.embedTokens = addParameter(WeightSlot.frozen("embed_tokens"));
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      layers.add(addChildBlock("layers_" + i, new LlamaDecoderLayer(config)));
    }
    this.norm = addChildBlock("norm", new RmsNorm(config.hiddenSize(), config.rmsNormEps()));
    this.lmHead =
        config.tieWordEmbeddings()
            ? null
            : addChildBlock("lm_head", new Projection(config.hiddenSize(), config.vocabSize()));
    this.rotary = new RotaryEmbedding(config);
  }

  public LlamaConfig config() {
    return config;
  }

  /** Every base weight by its Hugging Face tensor name, with the shape it must have. */
  public Map<String, WeightSlot> weightSlots() {
    Map<String, WeightSlot> m = new LinkedHashMap<>();
    m.put(
        "model.embed_tokens.weight",
        new WeightSlot(embedTokens, new Shape(config.vocabSize(), config.hiddenSize())));
    for (int i = 0; i < layers.size(); i++) {
      String prefix = "model.layers." + i + ".";
      layers.get(i).slots().forEach((n, s) -> m.put(prefix + n, s));
    }
    m.put("model.norm.weight", norm.slot());
    if (lmHead != null) {
      m.put("lm_head.weight", lmHead.slot());
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The decoder-layer projections by Hugging Face module path, e.g. {@code
   * model.layers.0.self_attn.q_proj} (the LM head is not an adapter target).
   */
  public Map<String, Projection> projections() {
    Map<String, Projection> m = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      String prefix = "model.layers." + i + ".";
      layers.get(i).projections().forEach((n, p) -> m.put(prefix + n, p));
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Runs the model: logits [B, T, V] in the manager of {@code tokens}.
   *
   * @throws IllegalArgumentException if shapes disagree, the sequence is longer than
   *     max_position_embeddings or a token id is outside the vocabulary
   */
  public NDArray logits(NDArray tokens, NDArray attentionMask, boolean training) {
    validate(tokens, attentionMask);
    ParameterStore ps = new ParameterStore(tokens.getManager(), false);
    return forward(ps, new NDList(tokens, attentionMask), training).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.get(0);
    NDManager m = tokens.getManager();
    int b = (int) tokens.getShape().get(0);
    int t = (int) tokens.getShape().get(1);
    NDArray embed = ps.getValue(embedTokens, tokens.getDevice(), training);
    NDArray x = Embedding.embedding(tokens, embed, SparseFormat.DENSE).singletonOrThrow();
    NDList tables = rotary.tables(m, t);
    NDArray mask = additiveMask(m, inputs.get(1), b, t);
    for (LlamaDecoderLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, tables.get(0), tables.get(1), mask), training).head();
    }
    x = norm.forward(ps, new NDList(x), training).singletonOrThrow();
    NDArray logits =
        lmHead != null
            ? lmHead.forward(ps, new NDList(x), training).singletonOrThrow()
            : Linear.linear(x, embed).singletonOrThrow();
    return new NDList(logits);
  }

  private void validate(NDArray tokens, NDArray attentionMask) {
    Shape shape = tokens.getShape();
    if (shape.dimension() != 2 || !shape.equals(attentionMask.getShape())) {
      throw new IllegalArgumentException(
          "tokens "
              + shape
              + " and attention mask "
              + attentionMask.getShape()
              + " must both be [B, T]");
    }
    if (shape.get(1) > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(
          "sequence of "
              + shape.get(1)
              + " tokens exceeds max_position_embeddings "
              + config.maxPositionEmbeddings());
    }
    long[] ids = tokens.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
    for (long id : ids) {
      if (id < 0 || id >= config.vocabSize()) {
        throw new IllegalArgumentException(
            "token id " + id + " outside the vocabulary of " + config.vocabSize());
      }
    }
  }

  /** Causal + key-padding mask [B, 1, 1, T, T]: 0 where query i may see key j, else -1e9. */
  private static NDArray additiveMask(NDManager m, NDArray attentionMask, int b, int t) {
    long[] keep = attentionMask.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
    float[] mask = new float[b * t * t];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) {
          boolean visible = j <= i && keep[n * t + j] != 0;
          mask[(n * t + i) * t + j] = visible ? 0f : MASKED;
        }
      }
    }
    return m.create(mask, new Shape(b, 1, 1, t, t)).toDevice(attentionMask.getDevice(), false);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.vocabSize())};
  }
}
