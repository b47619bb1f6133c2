package org.hearth.finetune.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;

/**
 * A block whose parameter arrays are set from a checkpoint (or by the LoRA code), never by a DJL
 * initializer: it counts as initialised once its own arrays are set, so a training forward pass
 * does not try to run initializers (which could overwrite loaded weights or LoRA's B = 0).
 */
public abstract class LoadedBlock extends AbstractBlock {

  @Override
  public boolean isInitialized() {
    for (Parameter p : getDirectParameters().values()) {
      if (!p.isInitialized()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
    throw new IllegalStateException(
        getClass().getSimpleName() + " has unset weights: load them from a checkpoint first");
  }
}
