package org.hearth.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay (as {@code torch.optim.AdamW}), holding its moments as arrays
 * so that they can be checkpointed and restored exactly. Temporaries live in a caller's scratch
 * manager; only the moments live in this optimizer's manager.
 */
public final class AdamW {
  private final NDManager manager;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final Map<String, NDArray> first = new LinkedHashMap<>();
  private final Map<String, NDArray> second = new LinkedHashMap<>();
  private int updates;

  public AdamW(NDManager manager, TrainingConfig c) {
    this.manager = manager;
    this.beta1 = c.beta1();
    this.beta2 = c.beta2();
    this.epsilon = c.epsilon();
    this.weightDecay = c.weightDecay();
  }

  /** Number of updates applied so far (the bias-correction step t). */
  public int updates() {
    return updates;
  }

  /**
   * One update of every parameter: {@code grads} are the raw gradients, multiplied by {@code
   * gradScale} (clipping) first.
   */
  public void update(
      Map<String, Parameter> params,
      Map<String, NDArray> grads,
      double lr,
      double gradScale,
      NDManager scratch) {
    updates++;
    double bc1 = 1 - Math.pow(beta1, updates);
    double bc2 = 1 - Math.pow(beta2, updates);
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray p = e.getValue().getArray();
      NDArray g = grads.get(e.getKey()).mul((float) gradScale);
      NDArray m = first.computeIfAbsent(e.getKey(), k -> manager.zeros(p.getShape()));
      NDArray v = second.computeIfAbsent(e.getKey(), k -> manager.zeros(p.getShape()));
      m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
      v.muli((float) beta2).addi(g.square().mul((float) (1 - beta2)));
      NDArray mHat = scratch.create((float) (1 / bc1)).mul(m);
      NDArray vHat = scratch.create((float) (1 / bc2)).mul(v);
      NDArray step = mHat.div(vHat.sqrt().add((float) epsilon)).mul((float) lr);
      if (weightDecay != 0) {
        p.muli((float) (1 - lr * weightDecay));
      }
      p.subi(step);
    }
  }

  /** Moments by {@code m.<name>} / {@code v.<name>}, as FP32 values. */
  public Map<String, float[]> state() {
    Map<String, float[]> out = new LinkedHashMap<>();
    first.forEach((n, a) -> out.put("m." + n, a.toFloatArray()));
    second.forEach((n, a) -> out.put("v." + n, a.toFloatArray()));
    return out;
  }

  /** Restores moments and the update count written by {@link #state()}. */
  public void restore(Map<String, Parameter> params, Map<String, FloatBuffer> state, int count) {
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      FloatBuffer m = state.get("m." + e.getKey());
      FloatBuffer v = state.get("v." + e.getKey());
      if (m == null || v == null) {
        throw new IllegalArgumentException("optimizer state lacks " + e.getKey());
      }
      var shape = e.getValue().getArray().getShape();
      first.put(e.getKey(), manager.create(m, shape));
      second.put(e.getKey(), manager.create(v, shape));
    }
    updates = count;
  }
}
