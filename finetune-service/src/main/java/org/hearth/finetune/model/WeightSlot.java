package org.hearth.finetune.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * A model parameter together with the shape its Hugging Face tensor must have.
 *
 * @param parameter the DJL parameter whose array the loader sets
 * @param shape expected shape, e.g. [out, in] for a projection
 */
public record WeightSlot(Parameter parameter, Shape shape) {

  /** A frozen weight parameter (base weights never require gradients). */
  static Parameter frozen(String name) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optRequiresGrad(false)
        .build();
  }
}
