package org.hearth.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.hearth.finetune.model.LoadedBlock;

/**
 * The low-rank update of one projection: {@code scale * B(A(dropout(x)))}, A [r, in], B [out, r]. A
 * and B are parameters of type OTHER, initialised by {@link LoraAdapters} in Java, so a WEIGHT-wide
 * DJL initializer can never overwrite B = 0.
 */
public final class LoraBlock extends LoadedBlock {
  private final Parameter a;
  private final Parameter b;
  private final float scale;
  private final LoraDropout dropout;
  private final int index;
  private final long out;

  LoraBlock(float scale, LoraDropout dropout, int index, long out) {
    this.scale = scale;
    this.dropout = dropout;
    this.index = index;
    this.out = out;
    this.a = addParameter(trainable("lora_A"));
    this.b = addParameter(trainable("lora_B"));
  }

  private static Parameter trainable(String name) {
    return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).build();
  }

  /** A [r, in]. */
  public Parameter a() {
    return a;
  }

  /** B [out, r]. */
  public Parameter b() {
    return b;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray in = training ? dropout.apply(x, index) : x;
    NDArray low = Linear.linear(in, ps.getValue(a, x.getDevice(), training)).singletonOrThrow();
    NDArray up = Linear.linear(low, ps.getValue(b, x.getDevice(), training)).singletonOrThrow();
    return new NDList(up.mul(scale));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
  }
}
