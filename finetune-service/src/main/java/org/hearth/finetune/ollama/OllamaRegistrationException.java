package org.hearth.finetune.ollama;

import java.io.IOException;

/** Ollama refused or failed a blob upload or a model creation; the message says which and why. */
public final class OllamaRegistrationException extends IOException {
  public OllamaRegistrationException(String message) {
    super(message);
  }

  public OllamaRegistrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
