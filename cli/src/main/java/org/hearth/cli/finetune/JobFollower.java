package org.hearth.cli.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Follows a job's event stream ({@code /events}) to its {@code done} event, drawing the progress
 * line, and reconnects when the stream breaks or ends early ({@code Last-Event-ID} when the service
 * sent ids; the delay it asked for with {@code retry}, else one second).
 */
final class JobFollower {
  /** Consecutive reconnections without a single event before giving up. */
  static final int MAX_ATTEMPTS = 10;

  static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Waits between reconnections; a parameter so that callers choose how. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final FinetuneClient client;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean tty;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Eta eta = new Eta();
  private String drawn;
  private String lastKey;

  JobFollower(
      FinetuneClient client,
      PrintWriter out,
      PrintWriter err,
      boolean tty,
      Clock clock,
      Sleeper sleeper) {
    this.client = client;
    this.out = out;
    this.err = err;
    this.tty = tty;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Follows job {@code id} to its end; returns the job in its end state. */
  Job follow(String id) {
    SseParser parser = new SseParser();
    int failures = 0;
    while (true) {
      Job[] done = {null};
      boolean[] received = {false};
      String why;
      try {
        client.events(
            id,
            parser.lastEventId(),
            line -> {
              Optional<SseEvent> e = parser.line(line);
              if (e.isEmpty()) {
                return true;
              }
              received[0] = true;
              Optional<Job> job = job(e.get());
              job.ifPresent(this::draw);
              if (job.isPresent() && e.get().name().equals("done")) {
                done[0] = job.get();
                return false;
              }
              return true;
            });
        why = "the event stream ended before the job did";
      } catch (FinetuneCallException e) {
        if (e.status() != 0 && e.status() < 500) {
          endDrawing();
          throw e;
        }
        why = e.getMessage();
      }
      if (done[0] != null) {
        endDrawing();
        return done[0];
      }
      parser.reset();
      failures = received[0] ? 1 : failures + 1;
      endDrawing();
      if (failures > MAX_ATTEMPTS) {
        throw FinetuneCallException.unreachable(
            "gave up following job " + id + " after " + MAX_ATTEMPTS + " reconnections: " + why);
      }
      err.println("hearth: " + why + "; reconnecting (" + failures + "/" + MAX_ATTEMPTS + ")");
      err.flush();
      try {
        sleeper.sleep(
            parser.retryMillis().stream()
                .mapToObj(Duration::ofMillis)
                .findFirst()
                .orElse(DEFAULT_RETRY));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw FinetuneCallException.unreachable("interrupted while following job " + id);
      }
    }
  }

  /** Prints the end state: model and artifact URLs on success, the error otherwise. */
  void summary(Job job) {
    summary(job, out, client::absolute);
  }

  static void summary(Job job, PrintWriter out, Function<String, String> absolute) {
    String head = job.state() + "  job " + job.id() + " on " + job.relay();
    out.println(job.error().map(e -> head + ": " + e).orElse(head));
    job.model().ifPresent(m -> out.println("model:      " + m));
    job.artifacts().lossCurve().ifPresent(u -> out.println("loss curve: " + absolute.apply(u)));
    job.artifacts().report().ifPresent(u -> out.println("report:     " + absolute.apply(u)));
    out.flush();
  }

  private Optional<Job> job(SseEvent e) {
    if (!e.name().equals("progress") && !e.name().equals("done")) {
      return Optional.empty();
    }
    JsonNode n;
    try {
      n = JSON.readTree(e.data());
    } catch (IOException x) {
      throw FinetuneCallException.badResponse("a " + e.name() + " event is not JSON");
    }
    return Optional.of(Job.fromJson(n));
  }

  private void draw(Job job) {
    String key = ProgressBar.line(job, Optional.empty());
    if (!tty && key.equals(lastKey)) {
      return;
    }
    lastKey = key;
    String phase = job.phase().orElse(job.state().name());
    String next =
        ProgressBar.line(job, eta.observe(phase, ProgressBar.fraction(job), clock.instant()));
    out.print(ProgressBar.frame(drawn, next, tty));
    out.flush();
    drawn = next;
  }

  private void endDrawing() {
    out.print(ProgressBar.end(drawn, tty));
    out.flush();
    drawn = null;
  }
}
