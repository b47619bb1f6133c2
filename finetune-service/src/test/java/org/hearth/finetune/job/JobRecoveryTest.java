package org.hearth.finetune.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hearth.finetune.testing.Api;
import org.hearth.finetune.testing.FinetuneTestResource;
import org.hearth.finetune.testing.TestDatasetSource;
import org.hearth.finetune.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping the worker is what a shutdown does (the running job halts at a step boundary and stays
 * RUNNING); starting it is what a start does (recovery, then work).
 */
@QuarkusTest
@WithTestResource(FinetuneTestResource.class)
class JobRecoveryTest {
  @Inject JobService jobs;
  @Inject JobRepository repository;
  @Inject JobWorker worker;
  @Inject TestDatasetSource dataset;

  @AfterEach
  void restore() {
    dataset.setExtra(List.of());
    worker.start();
  }

  private static JobRequest request(int steps) {
    String admin = TestKeys.ADMIN.publicKey().hex();
    return new JobRequest(
        "family",
        Optional.empty(),
        Optional.of(steps),
        Optional.empty(),
        Optional.empty(),
        admin,
        admin,
        Optional.empty());
  }

  private Job read(UUID id) {
    return jobs.find(id).orElseThrow();
  }

  private Job stoppedAfterACheckpoint(int steps) throws JobRequestException {
    UUID id = jobs.submit(request(steps)).job().id();
    Job running =
        Api.await(() -> read(id), j -> j.checkpointStep().orElse(0) >= 5 || j.state().ended());
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    worker.stop();
    Job stopped = read(id);
    assertThat(stopped.state()).isEqualTo(JobState.RUNNING);
    assertThat(stopped.step()).isLessThan(steps);
    assertThat(stopped.checkpointStep()).isPresent();
    return stopped;
  }

  @Test
  void aJobStoppedMidRunResumesFromItsCheckpointAfterTheRestart() throws Exception {
    Job stopped = stoppedAfterACheckpoint(20);
    int checkpoint = stopped.checkpointStep().orElseThrow();

    worker.start();
    Job done = Api.await(() -> read(stopped.id()), j -> j.state().ended());

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.step()).isEqualTo(20);
    assertThat(done.model()).contains("hearth-family");
    assertThat(Path.of(done.reportPath().orElseThrow()))
        .content()
        .contains("**steps**: 20 (resumed from the checkpoint at " + checkpoint + ")");
    // the loss curve covers the whole job: steps before the checkpoint and after it
    assertThat(
            Files.readString(Path.of(done.checkpointPath().orElseThrow()).resolve("history.json")))
        .satisfies(h -> assertThat(h.split(",").length).isGreaterThanOrEqualTo(20));
  }

  @Test
  void aJobInterruptedBeforeItsFirstCheckpointFailsWithTheReason() throws Exception {
    worker.stop();
    UUID id = jobs.submit(request(20)).job().id();
    // a worker took it, then the process died before any checkpoint
    assertThat(repository.claim(id, "local", Instant.now())).isPresent();

    worker.start();

    Job failed = Api.await(() -> read(id), j -> j.state().ended());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error()).get().asString().contains("interrupted before the first checkpoint");
  }

  @Test
  void aCheckpointIsNotResumedWhenTheDatasetChanged() throws Exception {
    Job stopped = stoppedAfterACheckpoint(20);
    dataset.setExtra(
        List.<String[]>of(new String[] {"question the dog ? answer", "ran to the park"}));

    worker.start();
    Job failed = Api.await(() -> read(stopped.id()), j -> j.state().ended());

    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error())
        .get()
        .asString()
        .contains("cannot resume from the checkpoint at step " + stopped.checkpointStep().get())
        .contains("inputs changed");
  }

  @Test
  void queuedJobsRunAfterTheRestart() throws JobRequestException, IOException {
    worker.stop();
    UUID id = jobs.submit(request(2)).job().id();
    assertThat(read(id).state()).isEqualTo(JobState.QUEUED);

    worker.start();

    assertThat(Api.await(() -> read(id), j -> j.state().ended()).state())
        .isEqualTo(JobState.SUCCEEDED);
  }
}
