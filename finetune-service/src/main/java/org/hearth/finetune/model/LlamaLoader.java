package org.hearth.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hearth.finetune.safetensors.TensorInfo;

/** Builds a {@link LlamaModel} from a Hugging Face checkpoint directory. */
public final class LlamaLoader {
  /** Tensors above this many elements (256 MiB as FP32) are read in blocks of rows. */
  static final long BLOCK_ELEMENTS = 1L << 26;

  private LlamaLoader() {}

  /**
   * Loads config.json and every weight by its HF name into arrays owned by {@code manager} (whose
   * device decides CPU or GPU). A tied checkpoint's redundant {@code lm_head.weight} is ignored.
   */
  public static LlamaModel load(Path dir, NDManager manager) throws IOException {
    return load(dir, manager, BLOCK_ELEMENTS);
  }

  static LlamaModel load(Path dir, NDManager manager, long blockElements) throws IOException {
    try (HfCheckpoint ckpt = HfCheckpoint.open(dir)) {
      LlamaModel model = new LlamaModel(ckpt.config());
      for (Map.Entry<String, WeightSlot> e : model.weightSlots().entrySet()) {
        String name = e.getKey();
        Shape expected = e.getValue().shape();
        TensorInfo info = ckpt.info(name);
        if (!Arrays.equals(info.shape(), expected.getShape())) {
          throw new ModelFormatException(
              name
                  + ": shape "
                  + Arrays.toString(info.shape())
                  + " but config.json implies "
                  + expected);
        }
        e.getValue().parameter().setArray(read(ckpt, name, expected, manager, blockElements));
      }
      return model;
    }
  }

  /**
   * One tensor as an array; a large one (e.g. a 128k x 4096 embedding, 2.1 GB as FP32) is read in
   * blocks of whole rows and concatenated, so no single Java buffer exceeds the block size.
   */
  private static NDArray read(
      HfCheckpoint ckpt, String name, Shape shape, NDManager manager, long blockElements)
      throws IOException {
    long total = shape.size();
    if (total <= blockElements) {
      return manager.create(ckpt.read(name), shape);
    }
    long rows = shape.get(0);
    long rowLength = total / rows;
    long rowsPerBlock = Math.max(1, blockElements / rowLength);
    try (NDManager parts = manager.newSubManager()) {
      NDList blocks = new NDList();
      for (long r = 0; r < rows; r += rowsPerBlock) {
        long n = Math.min(rowsPerBlock, rows - r);
        Shape blockShape = new Shape(n).addAll(shape.slice(1));
        blocks.add(
            parts.create(
                ckpt.read(name, r * rowLength, Math.toIntExact(n * rowLength)), blockShape));
      }
      NDArray whole = NDArrays.concat(blocks, 0);
      whole.attach(manager);
      return whole;
    }
  }
}
