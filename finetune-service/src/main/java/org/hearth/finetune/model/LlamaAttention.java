package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Grouped-query self-attention with rotary embeddings. Inputs: x [B, T, H], cos and sin [T, D], and
 * an additive mask [B, 1, 1, T, T] (causal + padding). Query head h uses key/value head h / (heads
 * / kvHeads), as Hugging Face's {@code repeat_kv} does; the repeat is a broadcast, not a copy.
 */
public final class LlamaAttention extends LoadedBlock {
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  private final Projection q;
  private final Projection k;
  private final Projection v;
  private final Projection o;

  public LlamaAttention(LlamaConfig c) {
    this.heads = c.numAttentionHeads();
    this.kvHeads = c.numKeyValueHeads();
    this.headDim = c.headDim();
    long h = c.hiddenSize();
    this.q = addChildBlock("q_proj", new Projection(h, (long) heads * headDim));
    this.k = addChildBlock("k_proj", new Projection(h, (long) kvHeads * headDim));
    this.v = addChildBlock("v_proj", new Projection(h, (long) kvHeads * headDim));
    this.o = addChildBlock("o_proj", new Projection((long) heads * headDim, h));
  }

  /** The projections by their Hugging Face module names (q_proj, k_proj, v_proj, o_proj). */
  public java.util.Map<String, Projection> projections() {
    java.util.Map<String, Projection> m = new java.util.LinkedHashMap<>();
    m.put("q_proj", q);
    m.put("k_proj", k);
    m.put("v_proj", v);
    m.put("o_proj", o);
    return m;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray cos = inputs.get(1);
    NDArray sin = inputs.get(2);
    NDArray mask = inputs.get(3);
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int group = heads / kvHeads;
    NDArray qs = split(q, ps, x, training, heads); // [B, heads, T, D]
    NDArray ks = split(k, ps, x, training, kvHeads); // [B, kv, T, D]
    NDArray vs = split(v, ps, x, training, kvHeads);
    qs = RotaryEmbedding.apply(qs, cos, sin).reshape(b, kvHeads, group, t, headDim);
    ks = RotaryEmbedding.apply(ks, cos, sin).reshape(b, kvHeads, 1, t, headDim);
    vs = vs.reshape(b, kvHeads, 1, t, headDim);
    NDArray scores =
        qs.matMul(ks.transpose(0, 1, 2, 4, 3)).mul(1.0f / (float) Math.sqrt(headDim)).add(mask);
    NDArray ctx = scores.softmax(-1).matMul(vs); // [B, kv, group, T, D]
    ctx =
        ctx.reshape(b, heads, t, headDim)
            .transpose(0, 2, 1, 3)
            .reshape(b, t, (long) heads * headDim);
    return o.forward(ps, new NDList(ctx), training, params);
  }

  private NDArray split(
      Projection p, ParameterStore ps, NDArray x, boolean training, int numHeads) {
    NDArray y = p.forward(ps, new NDList(x), training).singletonOrThrow();
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    return y.reshape(b, t, numHeads, headDim).transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
