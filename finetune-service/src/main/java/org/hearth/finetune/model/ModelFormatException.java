package org.hearth.finetune.model;

import java.io.IOException;

/** A Hugging Face checkpoint directory is incomplete or describes something not supported. */
public final class ModelFormatException extends IOException {
  public ModelFormatException(String message) {
    super(message);
  }
}
