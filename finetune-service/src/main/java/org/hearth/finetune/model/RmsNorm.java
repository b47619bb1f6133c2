package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Root-mean-square layer norm: {@code x / sqrt(mean(x^2) + eps) * weight}. */
public final class RmsNorm extends LoadedBlock {
  private final long width;
  private final float eps;
  private final Parameter weight;

  public RmsNorm(long width, double eps) {
    this.width = width;
    this.eps = (float) eps;
    this.weight = addParameter(WeightSlot.frozen("weight"));
  }

  WeightSlot slot() {
    return new WeightSlot(weight, new Shape(width));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
    return new NDList(x.div(rms).mul(ps.getValue(weight, x.getDevice(), training)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
