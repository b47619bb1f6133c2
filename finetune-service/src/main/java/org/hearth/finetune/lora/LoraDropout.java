package org.hearth.finetune.lora;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * Dropout masks drawn from Java random streams derived from (step seed, block index): a resumed run
 * redraws exactly the masks an uninterrupted run would, without saving native RNG state.
 */
public final class LoraDropout {
  private final double rate;
  private long stepSeed;

  public LoraDropout(double rate) {
    this.rate = rate;
  }

  /** Sets the seed for the next micro-batch (derived by the trainer from seed, step, micro). */
  public void reseed(long stepSeed) {
    this.stepSeed = stepSeed;
  }

  /** Applies inverted dropout to x for the block with the given index. */
  NDArray apply(NDArray x, int blockIndex) {
    if (rate == 0) {
      return x;
    }
    SplittableRandom rnd = new SplittableRandom(stepSeed * 0x9E3779B97F4A7C15L + blockIndex);
    float keep = (float) (1 / (1 - rate));
    float[] mask = new float[Math.toIntExact(x.size())];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = rnd.nextDouble() < rate ? 0f : keep;
    }
    return x.mul(x.getManager().create(mask, x.getShape()).toDevice(x.getDevice(), false));
  }
}
