package org.hearth.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Right-padded examples as arrays [B, T]: tokens, attention mask, next-token labels and the label
 * mask (1 where the label is an answer token).
 *
 * @param tokens input ids
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param labels the token that should follow each position
 * @param labelMask 1 where the label counts towards the loss
 * @param labelCount number of counted labels
 */
public record MicroBatch(
    NDArray tokens, NDArray attentionMask, NDArray labels, NDArray labelMask, int labelCount) {

  /** Collates examples into arrays owned by {@code manager}. */
  public static MicroBatch collate(List<Example> examples, long padId, NDManager manager) {
    int b = examples.size();
    int t = examples.stream().mapToInt(e -> e.tokens().length).max().orElseThrow();
    long[] ids = new long[b * t];
    long[] attention = new long[b * t];
    long[] labels = new long[b * t];
    float[] labelMask = new float[b * t];
    int count = 0;
    for (int n = 0; n < b; n++) {
      Example e = examples.get(n);
      long[] tok = e.tokens();
      for (int i = 0; i < t; i++) {
        int at = n * t + i;
        ids[at] = i < tok.length ? tok[i] : padId;
        attention[at] = i < tok.length ? 1 : 0;
        boolean counted = i + 1 < tok.length && i + 1 >= e.promptLength();
        labels[at] = i + 1 < tok.length ? tok[i + 1] : padId;
        labelMask[at] = counted ? 1f : 0f;
        count += counted ? 1 : 0;
      }
    }
    Shape shape = new Shape(b, t);
    return new MicroBatch(
        manager.create(ids, shape),
        manager.create(attention, shape),
        manager.create(labels, shape),
        manager.create(labelMask, shape),
        count);
  }

  /** Mean cross-entropy of the counted labels given logits [B, T, V]. */
  public NDArray loss(NDArray logits) {
    NDArray logp = logits.logSoftmax(-1);
    NDArray picked = logp.gather(labels.expandDims(-1), -1).squeeze(-1);
    return picked.mul(labelMask).sum().neg().div((float) labelCount);
  }
}
