package org.hearth.finetune.safetensors;

import java.io.IOException;

/** A safetensors file (or its index) is malformed or uses something this reader cannot read. */
public final class SafetensorsFormatException extends IOException {
  public SafetensorsFormatException(String message) {
    super(message);
  }
}
