package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Greedy decoding without a KV cache (each step reruns the whole sequence): enough for evaluation
 * prompts and leak checks on small models; serving is Ollama's job.
 */
public final class GreedyDecoder {
  private GreedyDecoder() {}

  /**
   * Appends up to {@code maxNewTokens} argmax tokens to {@code prompt}; returns only the new ones.
   */
  public static long[] generate(
      LlamaModel model, long[] prompt, int maxNewTokens, NDManager parent) {
    long[] seq = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
    int len = prompt.length;
    for (int i = 0; i < maxNewTokens; i++) {
      try (NDManager step = parent.newSubManager()) {
        Shape shape = new Shape(1, len);
        long[] mask = new long[len];
        Arrays.fill(mask, 1);
        NDArray logits =
            model.logits(
                step.create(Arrays.copyOf(seq, len), shape), step.create(mask, shape), false);
        seq[len] = logits.get(new NDIndex("0, -1, :")).argMax().getLong();
        len++;
      }
    }
    return Arrays.copyOfRange(seq, prompt.length, len);
  }
}
