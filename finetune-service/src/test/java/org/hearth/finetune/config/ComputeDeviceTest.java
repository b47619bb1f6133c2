package org.hearth.finetune.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {
  @Test
  void cpuAndAutoWithoutGpuSelectTheCpu() {
    assertThat(ComputeDevice.select(DeviceKind.CPU, 0)).isEqualTo(Device.cpu());
    assertThat(ComputeDevice.select(DeviceKind.AUTO, 0)).isEqualTo(Device.cpu());
  }

  @Test
  void gpuIsSelectedWhenPresentAndRefusedClearlyWhenNot() {
    assertThat(ComputeDevice.select(DeviceKind.GPU, 1, 2)).isEqualTo(Device.gpu(1));
    assertThat(ComputeDevice.select(DeviceKind.AUTO, 0, 1)).isEqualTo(Device.gpu(0));
    assertThatThrownBy(() -> ComputeDevice.select(DeviceKind.GPU, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pytorch-native-cu124");
  }
}
