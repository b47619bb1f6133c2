package org.hearth.finetune.lora;

import java.util.EnumSet;
import java.util.Set;

/**
 * LoRA hyper-parameters.
 *
 * @param rank r, the inner dimension of B A
 * @param alpha lora_alpha (an integer, as Ollama requires); the update is scaled by alpha / r
 * @param dropout dropout probability on the adapter's input during training, in [0, 1)
 * @param targets the projections that get an adapter
 * @param seed seed of A's initialisation
 */
public record LoraConfig(
    int rank, int alpha, double dropout, Set<TargetModule> targets, long seed) {
  public LoraConfig {
    if (rank <= 0) {
      throw new IllegalArgumentException("LoRA rank must be positive, got " + rank);
    }
    if (alpha <= 0) {
      throw new IllegalArgumentException("lora_alpha must be positive, got " + alpha);
    }
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one LoRA target module is required");
    }
    targets = Set.copyOf(EnumSet.copyOf(targets));
  }

  /** alpha / r. */
  public float scale() {
    return (float) alpha / rank;
  }
}
