package org.hearth.finetune.train;

/**
 * What one optimizer step did.
 *
 * @param step 1-based optimizer step
 * @param loss mean answer-token cross-entropy over the step's micro-batches (nats)
 * @param learningRate the learning rate used
 * @param gradNorm global L2 norm of the adapter gradients before clipping
 * @param tokens input tokens processed (padding included)
 */
public record StepResult(
    int step, double loss, double learningRate, double gradNorm, long tokens) {}
