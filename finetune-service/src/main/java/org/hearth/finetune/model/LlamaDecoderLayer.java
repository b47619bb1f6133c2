package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/** One pre-norm decoder layer: attention and SwiGLU, each with a residual connection. */
public final class LlamaDecoderLayer extends LoadedBlock {
  private final RmsNorm inputNorm;
  private final LlamaAttention attention;
  private final RmsNorm postAttentionNorm;
  private final LlamaMlp mlp;

  public LlamaDecoderLayer(LlamaConfig c) {
    this.inputNorm = addChildBlock("input_layernorm", new RmsNorm(c.hiddenSize(), c.rmsNormEps()));
    this.attention = addChildBlock("self_attn", new LlamaAttention(c));
    this.postAttentionNorm =
        addChildBlock("post_attention_layernorm", new RmsNorm(c.hiddenSize(), c.rmsNormEps()));
    this.mlp = addChildBlock("mlp", new LlamaMlp(c));
  }

  /** Weight slots keyed by their name relative to the layer prefix. */
  Map<String, WeightSlot> slots() {
    Map<String, WeightSlot> m = new LinkedHashMap<>();
    m.put("input_layernorm.weight", inputNorm.slot());
    projections().forEach((name, p) -> m.put(name + ".weight", p.slot()));
    m.put("post_attention_layernorm.weight", postAttentionNorm.slot());
    return m;
  }

  /** Projections keyed by module path relative to the layer, e.g. {@code self_attn.q_proj}. */
  public Map<String, Projection> projections() {
    Map<String, Projection> m = new LinkedHashMap<>();
    attention.projections().forEach((n, p) -> m.put("self_attn." + n, p));
    mlp.projections().forEach((n, p) -> m.put("mlp." + n, p));
    return m;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDList rest = inputs.subNDList(1);
    NDArray normed = inputNorm.forward(ps, new NDList(x), training).singletonOrThrow();
    NDList attnIn = new NDList(normed);
    attnIn.addAll(rest);
    NDArray h = x.add(attention.forward(ps, attnIn, training).singletonOrThrow());
    NDArray normed2 = postAttentionNorm.forward(ps, new NDList(h), training).singletonOrThrow();
    return new NDList(h.add(mlp.forward(ps, new NDList(normed2), training).singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
