package org.hearth.finetune.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hearth.finetune.config.FinetuneConfig;

/** Accepting, finding and cancelling jobs; shared by the REST API and the relay listener. */
@ApplicationScoped
public class JobService {
  /** Largest LoRA rank accepted. */
  static final int MAX_RANK = 256;

  private final JobRepository jobs;
  private final JobQueue queue;
  private final FinetuneConfig config;
  private final JobNotifier notifier;
  private final Clock clock = Clock.systemUTC();

  public JobService(
      JobRepository jobs, JobQueue queue, FinetuneConfig config, JobNotifier notifier) {
    this.jobs = jobs;
    this.queue = queue;
    this.config = config;
    this.notifier = notifier;
  }

  /**
   * The outcome of a submission.
   *
   * @param created false when the request event already had a job (which is returned)
   */
  public record Submission(Job job, boolean created) {}

  /** The outcome of a cancellation. */
  public enum CancelOutcome {
    /** It was queued and is cancelled now. */
    CANCELLED,
    /** It is running; the worker ends it at its next step. */
    REQUESTED,
    /** It had already ended. */
    ALREADY_ENDED
  }

  /** Validates, persists and queues a job; a request event seen before returns its job. */
  public Submission submit(JobRequest r) throws JobRequestException {
    if (r.requestEventId().isPresent()) {
      Optional<Job> existing = jobs.findByRequestEvent(r.requestEventId().get());
      if (existing.isPresent()) {
        return new Submission(existing.get(), false);
      }
    }
    FinetuneConfig.Jobs d = config.jobs();
    if (!config.relays().containsKey(r.relay())) {
      throw new JobRequestException("unknown relay '" + r.relay() + "'");
    }
    String base = r.baseModel().orElse(d.baseModel());
    if (!base.equals(d.baseModel())) {
      throw new JobRequestException(
          "this service trains " + d.baseModel() + " only, not '" + base + "'");
    }
    int steps = r.steps().orElse(d.steps());
    if (steps < 1 || steps > d.maxSteps()) {
      throw new JobRequestException("steps must be between 1 and " + d.maxSteps());
    }
    double lr = r.learningRate().orElse(d.learningRate());
    if (!(lr > 0 && lr <= 1)) {
      throw new JobRequestException("learningRate must be in (0, 1]");
    }
    int rank = r.rank().orElse(d.rank());
    if (rank < 1 || rank > MAX_RANK) {
      throw new JobRequestException("rank must be between 1 and " + MAX_RANK);
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Job job =
        new Job(
            id,
            r.relay(),
            JobState.QUEUED,
            Optional.empty(),
            0,
            steps,
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            base,
            lr,
            rank,
            r.requestedBy(),
            r.requester(),
            r.requestEventId(),
            false,
            Optional.empty(),
            now,
            now,
            Optional.empty(),
            Optional.empty(),
            config.dataDir().resolve("jobs").resolve(id.toString()).toAbsolutePath().toString(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    if (!jobs.insert(job)) {
      // the same request event, inserted by a concurrent delivery
      return new Submission(
          jobs.findByRequestEvent(r.requestEventId().orElseThrow()).orElseThrow(), false);
    }
    Job stored = jobs.find(id).orElseThrow();
    notifier.changed(stored, true);
    queue.enqueue(id);
    return new Submission(stored, true);
  }

  public Optional<Job> find(UUID id) {
    return jobs.find(id);
  }

  public List<Job> list(Optional<String> relay) {
    return jobs.list(relay);
  }

  public CancelOutcome cancel(UUID id) {
    Instant now = clock.instant();
    if (jobs.cancelQueued(id, now)) {
      jobs.find(id).ifPresent(j -> notifier.changed(j, true));
      return CancelOutcome.CANCELLED;
    }
    if (jobs.requestCancel(id, now)) {
      return CancelOutcome.REQUESTED;
    }
    return CancelOutcome.ALREADY_ENDED;
  }
}
