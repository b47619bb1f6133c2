package org.hearth.finetune.safetensors;

/**
 * A tensor to write: FP32 values in row-major order, stored on disk as {@code dtype}.
 *
 * @param dtype element type on disk (F32, or BF16/F16 rounded to nearest even)
 * @param shape dimensions
 * @param values row-major FP32 values
 */
public record TensorData(DType dtype, long[] shape, float[] values) {
  public TensorData {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          "shape holds " + n + " elements but " + values.length + " values were given");
    }
  }

  /** An FP32 tensor. */
  public static TensorData f32(float[] values, long... shape) {
    return new TensorData(DType.F32, shape, values);
  }
}
