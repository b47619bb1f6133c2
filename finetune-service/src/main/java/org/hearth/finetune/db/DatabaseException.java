package org.hearth.finetune.db;

/** A database operation failed; the message names the operation. */
public final class DatabaseException extends RuntimeException {
  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
