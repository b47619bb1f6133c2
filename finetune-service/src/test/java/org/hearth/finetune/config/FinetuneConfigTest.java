package org.hearth.finetune.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.hearth.finetune.testing.FinetuneTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
class FinetuneConfigTest {
  @Inject FinetuneConfig config;
  @Inject ComputeManagers managers;

  @Test
  void defaultsAreCpuAndLocalOllama() {
    assertThat(config.device()).isEqualTo(DeviceKind.CPU);
    assertThat(config.ollama().host()).isEqualTo(URI.create("http://localhost:11434"));
    assertThat(config.ollama().timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.scrub().pseudonymKeyFile()).isEmpty();
  }

  @Test
  void managersLiveOnTheConfiguredDevice() {
    try (ai.djl.ndarray.NDManager m = managers.newManager()) {
      assertThat(m.getDevice()).isEqualTo(ai.djl.Device.cpu());
      assertThat(m.zeros(new ai.djl.ndarray.types.Shape(2)).getDevice())
          .isEqualTo(ai.djl.Device.cpu());
    }
  }
}
