package org.hearth.finetune.config;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Creates the NDManagers that own model weights, on the device {@code hearth.finetune.device}
 * selects (checked once, at first use). Everything a model computes lives on its manager's device.
 */
@ApplicationScoped
public class ComputeManagers {
  private final FinetuneConfig config;
  private Device device;

  public ComputeManagers(FinetuneConfig config) {
    this.config = config;
  }

  /** The configured device (fails with a reason if a GPU is required but absent). */
  public synchronized Device device() {
    if (device == null) {
      device = ComputeDevice.select(config.device(), config.gpuIndex());
    }
    return device;
  }

  /** A new root manager on the configured device, for one model; close it when done. */
  public NDManager newManager() {
    return NDManager.newBaseManager(device(), "PyTorch");
  }
}
