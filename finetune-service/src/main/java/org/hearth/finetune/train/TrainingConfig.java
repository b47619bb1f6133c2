package org.hearth.finetune.train;

/**
 * Optimisation settings of a LoRA run.
 *
 * @param learningRate peak learning rate, reached after warm-up
 * @param weightDecay decoupled AdamW weight decay (per step, times the learning rate)
 * @param beta1 AdamW first-moment decay
 * @param beta2 AdamW second-moment decay
 * @param epsilon AdamW denominator epsilon
 * @param warmupSteps optimizer steps of linear warm-up from 0
 * @param totalSteps optimizer steps in the run; cosine decay ends here
 * @param minLrRatio floor of the cosine decay as a fraction of the peak
 * @param microBatchSize examples per forward/backward pass
 * @param gradientAccumulation micro-batches per optimizer step
 * @param maxGradNorm global gradient-norm clip (0 disables clipping)
 * @param seed seed of data order and dropout masks
 */
public record TrainingConfig(
    double learningRate,
    double weightDecay,
    double beta1,
    double beta2,
    double epsilon,
    int warmupSteps,
    int totalSteps,
    double minLrRatio,
    int microBatchSize,
    int gradientAccumulation,
    double maxGradNorm,
    long seed) {

  public TrainingConfig {
    if (learningRate <= 0 || totalSteps <= 0 || microBatchSize <= 0 || gradientAccumulation <= 0) {
      throw new IllegalArgumentException(
          "learning rate, total steps, micro-batch size and accumulation must be positive");
    }
    if (warmupSteps < 0 || warmupSteps > totalSteps) {
      throw new IllegalArgumentException("warm-up steps must be within [0, totalSteps]");
    }
  }

  /** Usual defaults for small LoRA runs: AdamW(0.9, 0.999, 1e-8), clip 1.0. */
  public static TrainingConfig defaults(
      double lr, int warmup, int total, int microBatch, int accum) {
    return new TrainingConfig(
        lr, 0.0, 0.9, 0.999, 1e-8, warmup, total, 0.1, microBatch, accum, 1.0, 42);
  }

  /** The same settings with another seed. */
  public TrainingConfig withSeed(long newSeed) {
    return new TrainingConfig(
        learningRate,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        warmupSteps,
        totalSteps,
        minLrRatio,
        microBatchSize,
        gradientAccumulation,
        maxGradNorm,
        newSeed);
  }
}
