package org.hearth.finetune.job;

/** A job request is invalid; the message says what to change. */
public final class JobRequestException extends Exception {
  public JobRequestException(String message) {
    super(message);
  }
}
