package org.hearth.finetune.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.hearth.finetune.config.FinetuneConfig;
import org.jboss.logging.Logger;

/**
 * What happens to jobs a stop interrupted: a RUNNING job resumes from its last checkpoint (the
 * runner checks that its inputs are unchanged) or, without one, is FAILED with the reason; QUEUED
 * jobs go back onto the channel. Only this replica's RUNNING jobs are touched at once; another
 * replica's only after {@code stale-after} without an update.
 */
@ApplicationScoped
public class JobRecovery {
  private static final Logger LOG = Logger.getLogger(JobRecovery.class);

  private final JobRepository jobs;
  private final JobQueue queue;
  private final JobRunner runner;
  private final FinetuneConfig config;
  private final Clock clock = Clock.systemUTC();

  public JobRecovery(JobRepository jobs, JobQueue queue, JobRunner runner, FinetuneConfig config) {
    this.jobs = jobs;
    this.queue = queue;
    this.runner = runner;
    this.config = config;
  }

  void recover() {
    Instant now = clock.instant();
    Instant stale = now.minus(config.jobs().staleAfter());
    String me = config.jobs().instanceId();
    for (Job j : jobs.inState(JobState.RUNNING)) {
      boolean mine = j.worker().map(me::equals).orElse(true);
      if (!mine && j.updatedAt().isAfter(stale)) {
        continue; // another replica is on it
      }
      Optional<String> ckpt = j.checkpointPath().filter(p -> Files.isDirectory(Path.of(p)));
      if (j.cancelRequested()) {
        runner.end(
            j.id(), JobState.CANCELLED, Optional.of("cancelled on request"), Optional.empty());
      } else if (ckpt.isPresent() && jobs.requeue(j.id(), now)) {
        LOG.infof(
            "job %s was interrupted at step %d: resuming from its checkpoint at step %d",
            j.id(), j.step(), j.checkpointStep().orElse(0));
        queue.enqueue(j.id());
      } else if (ckpt.isEmpty()) {
        String reason =
            j.checkpointPath().isPresent()
                ? "interrupted, and its checkpoint " + j.checkpointPath().get() + " is gone"
                : "interrupted before the first checkpoint (in phase "
                    + j.phase().map(JobPhase::wireName).orElse("start")
                    + ", step "
                    + j.step()
                    + "); request it again";
        LOG.warnf("job %s: %s", j.id(), reason);
        runner.end(j.id(), JobState.FAILED, Optional.of(reason), Optional.empty());
      }
    }
    for (Job j : jobs.inState(JobState.QUEUED)) {
      queue.enqueue(j.id());
    }
  }

  /** Puts QUEUED jobs untouched for a sweep interval back onto the channel. */
  void requeueForgotten() {
    Instant before = clock.instant().minus(config.jobs().sweepInterval());
    for (Job j : jobs.inState(JobState.QUEUED)) {
      if (j.updatedAt().isBefore(before)) {
        queue.enqueue(j.id());
      }
    }
  }
}
