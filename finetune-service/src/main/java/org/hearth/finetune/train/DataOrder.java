package org.hearth.finetune.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stateless, seeded data order: micro-batch k holds examples k*size .. k*size+size-1 of the
 * endless sequence of per-epoch shuffles. Resuming needs only the step number.
 */
public final class DataOrder {
  private final List<Example> examples;
  private final long seed;
  private final int microBatchSize;

  public DataOrder(List<Example> examples, long seed, int microBatchSize) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no training examples");
    }
    this.examples = List.copyOf(examples);
    this.seed = seed;
    this.microBatchSize = microBatchSize;
  }

  /** The examples of global micro-batch {@code k} (0-based). */
  public List<Example> microBatch(long k) {
    List<Example> out = new ArrayList<>(microBatchSize);
    int n = examples.size();
    int[] perm = null;
    long epochOfPerm = -1;
    for (long pos = k * microBatchSize; pos < (k + 1) * microBatchSize; pos++) {
      long epoch = pos / n;
      if (epoch != epochOfPerm) {
        perm = permutation(epoch);
        epochOfPerm = epoch;
      }
      out.add(examples.get(perm[(int) (pos % n)]));
    }
    return out;
  }

  private int[] permutation(long epoch) {
    int n = examples.size();
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed * 31 + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }
}
