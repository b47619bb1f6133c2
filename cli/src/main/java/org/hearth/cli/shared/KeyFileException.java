package org.hearth.cli.shared;

/** The key file cannot be used; the message says why and what to do, never the key. */
public class KeyFileException extends RuntimeException {
  public KeyFileException(String message) {
    super(message);
  }
}
