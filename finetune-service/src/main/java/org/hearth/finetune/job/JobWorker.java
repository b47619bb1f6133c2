package org.hearth.finetune.job;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hearth.finetune.config.FinetuneConfig;
import org.jboss.logging.Logger;

/**
 * The single worker of this replica: takes job ids from the job channel (in-process, or the
 * RabbitMQ queue on {@link #BROKER}) and runs one job at a time. On start it recovers what a stop
 * left behind ({@link JobRecovery}); while running it sweeps QUEUED jobs no message reached (a
 * broker that dropped one) back onto the channel, so no job is left hanging.
 */
@ApplicationScoped
public class JobWorker {
  /** The channel from the RabbitMQ queue (disabled in-memory). */
  public static final String BROKER = "finetune-jobs-in";

  private static final Logger LOG = Logger.getLogger(JobWorker.class);

  private final JobRunner runner;
  private final JobRecovery recovery;
  private final FinetuneConfig config;
  private final ReentrantLock oneAtATime = new ReentrantLock();
  private ScheduledExecutorService sweeper;

  public JobWorker(JobRunner runner, JobRecovery recovery, FinetuneConfig config) {
    this.runner = runner;
    this.recovery = recovery;
    this.config = config;
  }

  void onStart(@Observes StartupEvent ev) {
    start();
  }

  void onStop(@Observes ShutdownEvent ev) {
    stop();
  }

  /** Recovers interrupted and queued jobs, then accepts work. */
  public synchronized void start() {
    runner.start();
    recovery.recover();
    if (sweeper == null) {
      long every = config.jobs().sweepInterval().toMillis();
      sweeper =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("finetune-sweeper").factory());
      sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops as a shutdown does: a running job halts at its next step and stays RUNNING, to be resumed
   * from its checkpoint (or failed with a reason) by the next {@link #start()}.
   */
  public synchronized void stop() {
    runner.stop();
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
    // wait for the running job to reach its step boundary
    oneAtATime.lock();
    oneAtATime.unlock();
  }

  @Incoming(JobQueue.LOCAL)
  @Incoming(BROKER)
  @Blocking
  void onJob(String message) {
    UUID id;
    try {
      id = UUID.fromString(message.strip());
    } catch (IllegalArgumentException e) {
      LOG.warnf("ignoring a job message that is not a job id (%d chars)", message.length());
      return;
    }
    oneAtATime.lock();
    try {
      runner.run(id);
    } catch (RuntimeException e) {
      // the runner records failures itself; this only keeps the worker alive
      LOG.errorf(e, "the worker could not run job %s", id);
    } finally {
      oneAtATime.unlock();
    }
  }

  private void sweep() {
    try {
      if (!runner.stopping() && !oneAtATime.isLocked()) {
        recovery.requeueForgotten();
      }
    } catch (RuntimeException e) {
      LOG.warnf("sweeping queued jobs failed: %s", e.getMessage());
    }
  }
}
