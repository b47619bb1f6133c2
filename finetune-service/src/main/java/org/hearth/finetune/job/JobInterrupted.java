package org.hearth.finetune.job;

/**
 * The worker is stopping (the service shuts down): the job stays RUNNING with its last checkpoint
 * and is resumed, or failed with a reason, at the next start.
 */
final class JobInterrupted extends RuntimeException {
  JobInterrupted() {
    super("the worker is stopping", null, false, false);
  }
}
