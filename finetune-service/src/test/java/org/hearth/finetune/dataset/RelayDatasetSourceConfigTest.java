package org.hearth.finetune.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.junit.jupiter.api.Test;

/**
 * The CDI bean and its configuration defaults: without a pseudonym key (names could not be
 * scrubbed) a build is refused.
 */
@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
class RelayDatasetSourceConfigTest {
  @Inject FinetuneConfig config;
  // The bean itself: the other test classes install a fixed DatasetSource as an alternative.
  @Inject RelayDatasetSource source;

  @Test
  void defaultsAndTheBean() {
    FinetuneConfig.Data d = config.dataset();
    assertThat(d.relayUrl()).isEqualTo(URI.create("ws://localhost:8080"));
    assertThat(d.documentKinds()).containsExactly(1, 30023);
    assertThat(d.pageSize()).isEqualTo(500);
    assertThat(d.pageTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.keyFile()).isEmpty();
    assertThat(d.assistants()).isEmpty();
    assertThatThrownBy(() -> source.build("family", DatasetProgress.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("hearth.finetune.scrub.pseudonym-key-file");
    assertThat(List.of(SkipReason.values())).extracting(SkipReason::key).contains("not-a-member");
  }
}
