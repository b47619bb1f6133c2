package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Optional;

/**
 * A bias-free linear projection {@code y = x W^T} with W in Hugging Face layout [out, in], plus an
 * optional adapter block (LoRA) whose output is added to y.
 */
public final class Projection extends LoadedBlock {
  private final long in;
  private final long out;
  private final Parameter weight;
  private Block adapter;

  public Projection(long in, long out) {
    this.in = in;
    this.out = out;
    this.weight = addParameter(WeightSlot.frozen("weight"));
  }

  /** Input width. */
  public long in() {
    return in;
  }

  /** Output width. */
  public long out() {
    return out;
  }

  /** The base weight [out, in]. */
  public Parameter weight() {
    return weight;
  }

  WeightSlot slot() {
    return new WeightSlot(weight, new Shape(out, in));
  }

  /** Adds an adapter whose output (same shape as y) is added to the projection's output. */
  public void attachAdapter(Block block) {
    if (adapter != null) {
      throw new IllegalStateException("an adapter is already attached");
    }
    adapter = addChildBlock("lora", block);
  }

  /** The attached adapter, if any. */
  public Optional<Block> adapter() {
    return Optional.ofNullable(adapter);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray y = Linear.linear(x, ps.getValue(weight, x.getDevice(), training)).singletonOrThrow();
    if (adapter != null) {
      y = y.add(adapter.forward(ps, inputs, training, params).singletonOrThrow());
    }
    return new NDList(y);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
  }
}
