package org.hearth.finetune.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hearth.finetune.testing.Api;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.hearth.finetune.testing.TestKeys;
import org.junit.jupiter.api.Test;

/** Without any DatasetSource bean, a job fails with that reason and the worker goes on. */
@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
@TestProfile(NoDatasetSourceTest.Without.class)
class NoDatasetSourceTest {
  /** Removes every dataset source (the test one and the relay one). */
  public static class Without implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.arc.exclude-types",
          "org.hearth.finetune.testing.TestDatasetSource,"
              + "org.hearth.finetune.dataset.RelayDatasetSource");
    }
  }

  @Inject JobService jobs;

  @Test
  void aJobFailsWithAClearReasonWhenNoDatasetSourceIsInstalled() throws Exception {
    String admin = TestKeys.ADMIN.publicKey().hex();
    for (int i = 0; i < 2; i++) {
      UUID id =
          jobs.submit(
                  new JobRequest(
                      "family",
                      Optional.empty(),
                      Optional.of(2),
                      Optional.empty(),
                      Optional.empty(),
                      admin,
                      admin,
                      Optional.empty()))
              .job()
              .id();
      Job failed = Api.await(() -> jobs.find(id).orElseThrow(), j -> j.state().ended());
      assertThat(failed.state()).isEqualTo(JobState.FAILED);
      assertThat(failed.error())
          .contains("no dataset source is installed (the relay dataset builder is missing)");
    }
  }
}
