package org.hearth.finetune.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
class FinetuneConfigTest {
  @Inject FinetuneConfig config;
  @Inject ComputeManagers managers;

  @Test
  void defaultsAreCpuAndLocalOllama() {
    assertThat(config.device()).isEqualTo(DeviceKind.CPU);
    assertThat(config.ollama().host()).isEqualTo(FinetuneTestResource.ollama.uri());
    assertThat(config.ollama().timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.scrub().pseudonymKeyFile()).isEmpty();
  }

  @Test
  void anUnconfiguredServiceHasTheDocumentedDefaults() {
    FinetuneConfig d =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .withMapping(FinetuneConfig.class)
            .build()
            .getConfigMapping(FinetuneConfig.class);
    assertThat(d.ollama().host()).isEqualTo(URI.create("http://localhost:11434"));
    assertThat(d.dataDir()).isEqualTo(Path.of("data/finetune"));
    assertThat(d.keyFile()).isEqualTo(Path.of("data/finetune/service.nsec"));
    assertThat(d.database().url()).isEmpty();
    assertThat(d.messaging().mode()).isEqualTo(MessagingMode.IN_MEMORY);
    assertThat(d.messaging().queue()).isEqualTo("hearth.finetune.jobs");
    assertThat(d.relays()).isEmpty();
    assertThat(d.admins()).isEmpty();
    assertThat(d.jobs().baseModel()).isEqualTo("llama3.2:1b");
    assertThat(d.jobs().steps()).isEqualTo(200);
    assertThat(d.jobs().checkpointEvery()).isEqualTo(25);
    assertThat(d.jobs().feedbackInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.jobs().instanceId()).isEqualTo("local");
    assertThat(d.jobs().targets()).containsExactly("q_proj", "k_proj", "v_proj", "o_proj");
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
