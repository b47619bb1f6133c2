package org.hearth.finetune.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.finetune.job.Job;
import org.hearth.finetune.job.JobNotifier;
import org.hearth.finetune.job.JobUpdates;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/**
 * Tells the world about job changes: live streams through {@link JobUpdates}, and for jobs
 * requested by an event, NIP-90 feedback (7000) on the job's relay — every state or phase change,
 * progress at most once per {@code feedback-interval} — and the result (6970) with the report.
 */
@ApplicationScoped
public class JobNotifications implements JobNotifier {
  private final JobUpdates updates;
  private final RelayConnections relays;
  private final ServiceKey key;
  private final FeedbackThrottle throttle;

  public JobNotifications(
      JobUpdates updates, RelayConnections relays, ServiceKey key, FinetuneConfig config) {
    this.updates = updates;
    this.relays = relays;
    this.key = key;
    this.throttle =
        new FeedbackThrottle(
            config.jobs().feedbackInterval().toMillis(), Clock.systemUTC()::millis);
  }

  @Override
  public void changed(Job job, boolean stateChanged) {
    updates.changed(job.id());
    if (job.requestEventId().isEmpty() || relays.client(job.relay()).isEmpty()) {
      return;
    }
    if (!throttle.allow(job.id(), stateChanged, job.state().ended())) {
      return;
    }
    relays.publish(job.relay(), key.signer().sign(feedback(job)));
  }

  @Override
  public void succeeded(Job job, String report) {
    if (job.requestEventId().isEmpty()) {
      return;
    }
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("e", job.requestEventId().get()));
    tags.add(List.of("p", job.requester()));
    if (!job.requester().equals(job.requestedBy())) {
      tags.add(List.of("p", job.requestedBy()));
    }
    tags.add(List.of("job", job.id().toString()));
    tags.add(List.of("model", job.model().orElse("hearth-" + job.relay())));
    relays.publish(job.relay(), key.signer().sign(EventTemplate.of(JobKinds.RESULT, tags, report)));
  }

  /** Refuses a request event with a 7000 {@code error} feedback. */
  void refused(String relay, Event request, String reason) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("e", request.id()));
    tags.add(List.of("p", request.pubkey()));
    tags.add(List.of("status", "error", reason));
    relays.publish(relay, key.signer().sign(EventTemplate.of(JobKinds.FEEDBACK, tags, "")));
  }

  static EventTemplate feedback(Job job) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("e", job.requestEventId().orElseThrow()));
    tags.add(List.of("p", job.requester()));
    if (!job.requester().equals(job.requestedBy())) {
      tags.add(List.of("p", job.requestedBy()));
    }
    String status =
        switch (job.state()) {
          case QUEUED -> "queued";
          case RUNNING -> "processing";
          case SUCCEEDED -> "success";
          case FAILED, CANCELLED -> "error";
        };
    String text =
        switch (job.state()) {
          case QUEUED -> "queued";
          case RUNNING -> job.phase().map(p -> p.wireName()).orElse("starting");
          case SUCCEEDED -> "registered as " + job.model().orElse("hearth-" + job.relay());
          case FAILED -> job.error().orElse("failed");
          case CANCELLED -> "cancelled";
        };
    tags.add(List.of("status", status, text));
    tags.add(List.of("progress", Integer.toString((int) Math.round(job.progress() * 100))));
    tags.add(List.of("step", Integer.toString(job.step()), Integer.toString(job.totalSteps())));
    job.loss().ifPresent(l -> tags.add(List.of("loss", String.format(Locale.ROOT, "%.4f", l))));
    job.phase().ifPresent(p -> tags.add(List.of("phase", p.wireName())));
    tags.add(List.of("job", job.id().toString()));
    return EventTemplate.of(JobKinds.FEEDBACK, tags, "");
  }
}
