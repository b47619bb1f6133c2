package org.hearth.assistant.keys;

/** A key file could not be read, parsed or created. The message never contains key material. */
public class KeyFileException extends RuntimeException {
  public KeyFileException(String message) {
    super(message);
  }

  public KeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
