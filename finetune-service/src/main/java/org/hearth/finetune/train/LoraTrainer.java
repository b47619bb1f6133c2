package org.hearth.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.finetune.lora.LoraAdapters;
import org.hearth.finetune.model.LlamaModel;

/**
 * The LoRA training loop: per optimizer step, {@code gradientAccumulation} micro-batches of forward
 * + backward (PyTorch accumulates the adapter gradients), global-norm clipping, AdamW with warm-up
 * + cosine learning rate, then gradients are zeroed. Every step runs in its own NDManager, closed
 * at the end of the step. Data order and dropout derive from (seed, step), so {@link #restore} at
 * step s continues exactly as an uninterrupted run would.
 */
public final class LoraTrainer implements AutoCloseable {
  private final LlamaModel model;
  private final LoraAdapters adapters;
  private final TrainingConfig config;
  private final DataOrder data;
  private final long padId;
  private final NDManager manager;
  private final AdamW optimizer;
  private final LrSchedule schedule;
  private int step;

  public LoraTrainer(
      LlamaModel model,
      LoraAdapters adapters,
      TrainingConfig config,
      List<Example> examples,
      long padId,
      NDManager parent) {
    this.model = model;
    this.adapters = adapters;
    this.config = config;
    this.data = new DataOrder(examples, config.seed(), config.microBatchSize());
    this.padId = padId;
    this.manager = parent.newSubManager();
    this.optimizer = new AdamW(manager, config);
    this.schedule = LrSchedule.of(config);
  }

  /** Optimizer steps done so far. */
  public int completedSteps() {
    return step;
  }

  public TrainingConfig config() {
    return config;
  }

  public LoraAdapters adapters() {
    return adapters;
  }

  /** The model being adapted. */
  public LlamaModel model() {
    return model;
  }

  AdamW optimizer() {
    return optimizer;
  }

  /** Sets the step counter after the adapter and optimizer state were restored. */
  void restore(int completedSteps) {
    this.step = completedSteps;
  }

  /** Runs one optimizer step. */
  public StepResult trainStep() {
    int next = step + 1;
    Map<String, Parameter> params = adapters.parameters();
    try (NDManager scratch = manager.newSubManager()) {
      double lossSum = 0;
      long tokens = 0;
      int accum = config.gradientAccumulation();
      for (int micro = 0; micro < accum; micro++) {
        long k = (long) step * accum + micro;
        try (NDManager mb = scratch.newSubManager()) {
          MicroBatch batch = MicroBatch.collate(data.microBatch(k), padId, mb);
          adapters.dropout().reseed(config.seed() * 1_000_003L + k);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.logits(batch.tokens(), batch.attentionMask(), true);
            NDArray loss = batch.loss(logits);
            gc.backward(loss.div((float) accum));
            lossSum += loss.getFloat();
          }
          tokens += batch.tokens().size();
        }
      }
      Map<String, NDArray> grads = new LinkedHashMap<>();
      double sumSq = 0;
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        NDArray g = e.getValue().getArray().getGradient();
        g.attach(scratch);
        grads.put(e.getKey(), g);
        sumSq += g.square().sum().getFloat();
      }
      double norm = Math.sqrt(sumSq);
      double max = config.maxGradNorm();
      double clip = max > 0 && norm > max ? max / (norm + 1e-6) : 1.0;
      double lr = schedule.at(next);
      // PyTorch's grad mode is per thread and on by default: the in-place optimizer update must
      // run with it off whichever thread trains (DJL turns it off only on the thread it starts on).
      JniUtils.setGradMode(false);
      optimizer.update(params, grads, lr, clip, scratch);
      for (NDArray g : grads.values()) {
        g.subi(g);
      }
      step = next;
      return new StepResult(next, lossSum / accum, lr, norm, tokens);
    }
  }

  /** Mean answer-token loss of the examples without dropout or gradients (evaluation). */
  public double evaluate(List<Example> examples) {
    try (NDManager scratch = manager.newSubManager()) {
      MicroBatch batch = MicroBatch.collate(examples, padId, scratch);
      return batch.loss(model.logits(batch.tokens(), batch.attentionMask(), false)).getFloat();
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
