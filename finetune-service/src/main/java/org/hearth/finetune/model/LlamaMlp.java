package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/** SwiGLU feed-forward: {@code down(silu(gate(x)) * up(x))}. */
public final class LlamaMlp extends LoadedBlock {
  private final Projection gate;
  private final Projection up;
  private final Projection down;

  public LlamaMlp(LlamaConfig c) {
    this.gate = addChildBlock("gate_proj", new Projection(c.hiddenSize(), c.intermediateSize()));
    this.up = addChildBlock("up_proj", new Projection(c.hiddenSize(), c.intermediateSize()));
    this.down = addChildBlock("down_proj", new Projection(c.intermediateSize(), c.hiddenSize()));
  }

  /** The projections by their Hugging Face module names (gate_proj, up_proj, down_proj). */
  public Map<String, Projection> projections() {
    Map<String, Projection> m = new java.util.LinkedHashMap<>();
    m.put("gate_proj", gate);
    m.put("up_proj", up);
    m.put("down_proj", down);
    return m;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray g = gate.forward(ps, inputs, training).singletonOrThrow();
    NDArray u = up.forward(ps, inputs, training).singletonOrThrow();
    NDArray act = g.mul(Activation.sigmoid(g)).mul(u);
    return down.forward(ps, new NDList(act), training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
