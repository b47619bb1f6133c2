package org.hearth.finetune.dataset;

/** A dataset could not be built; the message says why, without private content. */
public final class DatasetException extends Exception {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
