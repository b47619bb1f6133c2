package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings in Hugging Face's "rotate half" layout, with optional Llama 3
 * frequency scaling.
 */
public final class RotaryEmbedding {
  private final int headDim;
  private final double[] invFreq;

  public RotaryEmbedding(LlamaConfig config) {
    this.headDim = config.headDim();
    double[] base = new double[headDim / 2];
    for (int i = 0; i < base.length; i++) {
      base[i] = 1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / headDim);
    }
    this.invFreq = config.ropeScaling().map(s -> s.apply(base)).orElse(base);
  }

  /** cos and sin tables [seqLen, headDim] for positions 0..seqLen-1, created in {@code manager}. */
  public NDList tables(NDManager manager, int seqLen) {
    float[] cos = new float[seqLen * headDim];
    float[] sin = new float[seqLen * headDim];
    int half = headDim / 2;
    for (int p = 0; p < seqLen; p++) {
      for (int i = 0; i < half; i++) {
        double angle = p * invFreq[i];
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        cos[p * headDim + i] = c;
        cos[p * headDim + i + half] = c;
        sin[p * headDim + i] = s;
        sin[p * headDim + i + half] = s;
      }
    }
    Shape shape = new Shape(seqLen, headDim);
    return new NDList(manager.create(cos, shape), manager.create(sin, shape));
  }

  /** Rotates x [..., T, headDim] by the tables: {@code x*cos + rotate_half(x)*sin}. */
  public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
    long half = x.getShape().tail() / 2;
    NDArray x1 = x.get(new NDIndex("..., :{}", half));
    NDArray x2 = x.get(new NDIndex("..., {}:", half));
    NDArray rotated = NDArrays.concat(new NDList(x2.neg(), x1), -1);
    return x.mul(cos).add(rotated.mul(sin));
  }
}
