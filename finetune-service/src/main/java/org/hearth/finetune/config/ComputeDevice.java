package org.hearth.finetune.config;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Chooses the DJL device from configuration. GPU needs the CUDA natives ({@code
 * pytorch-native-cu124}, built with {@code -Dgpu}); with the CPU natives PyTorch sees no GPU.
 */
public final class ComputeDevice {
  private ComputeDevice() {}

  /** Selects a device given the GPU count PyTorch reports. */
  public static Device select(DeviceKind kind, int gpuIndex, int gpuCount) {
    return switch (kind) {
      case CPU -> Device.cpu();
      case AUTO -> gpuCount > gpuIndex ? Device.gpu(gpuIndex) : Device.cpu();
      case GPU -> {
        if (gpuCount <= gpuIndex) {
          throw new IllegalStateException(
              "hearth.finetune.device=gpu but PyTorch sees "
                  + gpuCount
                  + " GPU(s) (index "
                  + gpuIndex
                  + " requested): build with -Dgpu (pytorch-native-cu124) on a CUDA 12.4 host");
        }
        yield Device.gpu(gpuIndex);
      }
    };
  }

  /** Selects a device on the PyTorch engine of this process. */
  public static Device select(DeviceKind kind, int gpuIndex) {
    return select(kind, gpuIndex, Engine.getEngine("PyTorch").getGpuCount());
  }
}
