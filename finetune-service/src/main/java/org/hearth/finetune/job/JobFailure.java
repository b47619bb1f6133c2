package org.hearth.finetune.job;

/** A job cannot go on; the message is the reason recorded on the job (no private content). */
public final class JobFailure extends Exception {
  public JobFailure(String message) {
    super(message);
  }

  public JobFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
