package org.hearth.finetune.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hearth.finetune.safetensors.TensorInfo;

/** Builds a {@link LlamaModel} from a Hugging Face checkpoint directory. */
public final class LlamaLoader {
  private LlamaLoader() {}

  /**
   * Loads config.json and every weight by its HF name into arrays owned by {@code manager} (whose
   * device decides CPU or GPU). A tied checkpoint's redundant {@code lm_head.weight} is ignored.
   */
  public static LlamaModel load(Path dir, NDManager manager) throws IOException {
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
        e.getValue().parameter().setArray(manager.create(ckpt.read(name), expected));
      }
      return model;
    }
  }
}
