package org.hearth.finetune.safetensors;

import java.util.Arrays;

/** Element types of a safetensors file that this reader widens to FP32. */
public enum DType {
  F32("F32", 4),
  F16("F16", 2),
  BF16("BF16", 2);

  private final String code;
  private final int bytes;

  DType(String code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** The dtype string in the safetensors header, e.g. {@code "BF16"}. */
  public String code() {
    return code;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  /** Looks a header dtype string up; throws a typed error for types this reader does not widen. */
  public static DType fromCode(String code) throws SafetensorsFormatException {
    return Arrays.stream(values())
        .filter(d -> d.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new SafetensorsFormatException(
                    "unsupported dtype " + code + " (supported: F32, F16, BF16)"));
  }
}
