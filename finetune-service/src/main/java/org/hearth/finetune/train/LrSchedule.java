package org.hearth.finetune.train;

/** Linear warm-up to the peak, then cosine decay to {@code minLrRatio * peak} at totalSteps. */
public record LrSchedule(double peak, int warmupSteps, int totalSteps, double minLrRatio) {

  public static LrSchedule of(TrainingConfig c) {
    return new LrSchedule(c.learningRate(), c.warmupSteps(), c.totalSteps(), c.minLrRatio());
  }

  /** Learning rate of optimizer step {@code step} (1-based). */
  public double at(int step) {
    if (warmupSteps > 0 && step <= warmupSteps) {
      return peak * step / warmupSteps;
    }
    int decaySteps = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
    double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return peak * (minLrRatio + (1 - minLrRatio) * cosine);
  }
}
