package org.hearth.finetune.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearth.finetune.job.Job;
import org.hearth.finetune.job.JobService;
import org.hearth.finetune.job.JobUpdates;

/**
 * The SSE stream of one job: {@code progress} with the current job, one {@code progress} per
 * change, then {@code done} with the job in its end state, then the stream closes. Changes come
 * from {@link JobUpdates} (this replica) and a poll of the row (a job another replica runs).
 */
@ApplicationScoped
public class JobEventStream {
  static final Duration POLL = Duration.ofSeconds(1);

  private final JobService jobs;
  private final JobUpdates updates;
  private final ObjectMapper json;
  private final ScheduledExecutorService pollers =
      Executors.newScheduledThreadPool(
          2, Thread.ofPlatform().daemon().name("finetune-sse-", 0).factory());

  public JobEventStream(JobService jobs, JobUpdates updates, ObjectMapper json) {
    this.jobs = jobs;
    this.updates = updates;
    this.json = json;
  }

  Multi<OutboundSseEvent> stream(UUID id, Sse sse) {
    return Multi.createFrom()
        .emitter(em -> new Watch(id, sse, em).start(), BackPressureStrategy.BUFFER);
  }

  private final class Watch {
    private final UUID id;
    private final Sse sse;
    private final MultiEmitter<? super OutboundSseEvent> em;
    private final AtomicBoolean closed = new AtomicBoolean();
    private String last;
    private AutoCloseable listener;
    private ScheduledFuture<?> poll;

    Watch(UUID id, Sse sse, MultiEmitter<? super OutboundSseEvent> em) {
      this.id = id;
      this.sse = sse;
      this.em = em;
    }

    void start() {
      em.onTermination(this::close);
      listener =
          updates.listen(
              changed -> {
                if (changed.equals(id)) {
                  pollers.execute(this::check);
                }
              });
      poll = pollers.scheduleWithFixedDelay(this::check, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void check() {
      if (closed.get()) {
        return;
      }
      try {
        Optional<Job> job = jobs.find(id);
        if (job.isEmpty()) {
          em.complete();
          return;
        }
        JobView view = JobView.of(job.get());
        String data = json.writeValueAsString(view);
        if (!data.equals(last)) {
          last = data;
          em.emit(event("progress", data));
        }
        if (view.ended()) {
          em.emit(event("done", data));
          em.complete();
        }
      } catch (JsonProcessingException | RuntimeException e) {
        em.fail(e);
      }
    }

    private OutboundSseEvent event(String name, String data) {
      return sse.newEventBuilder()
          .name(name)
          .id(name + "-" + System.nanoTime())
          .mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(data)
          .build();
    }

    private void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (poll != null) {
        poll.cancel(false);
      }
      try {
        if (listener != null) {
          listener.close();
        }
      } catch (Exception e) {
        // removing a listener cannot fail
      }
    }
  }

  @PreDestroy
  void stop() {
    pollers.shutdownNow();
  }
}
