package org.hearth.finetune.export;

import java.io.IOException;

/** A PEFT adapter directory is incomplete or inconsistent with the model it should attach to. */
public final class AdapterFormatException extends IOException {
  public AdapterFormatException(String message) {
    super(message);
  }
}
