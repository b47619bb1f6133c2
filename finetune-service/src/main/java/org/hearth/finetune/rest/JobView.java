package org.hearth.finetune.rest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.hearth.finetune.job.Job;
import org.hearth.finetune.job.JobPhase;

/** A job as the REST API and the SSE stream show it (docs/finetune-protocol.md). */
public record JobView(
    String id,
    String relay,
    String state,
    String phase,
    int step,
    int totalSteps,
    double progress,
    Double loss,
    Double tokensPerSecond,
    String error,
    String model,
    String baseModel,
    String requestedBy,
    String requestEventId,
    String createdAt,
    String updatedAt,
    Artifacts artifacts) {

  /** URLs of the job's files, null until they exist. */
  public record Artifacts(String lossCurve, String report, String manifest, String adapter) {}

  static final String BASE = "/api/finetune/jobs/";

  public static JobView of(Job j) {
    String base = BASE + j.id();
    return new JobView(
        j.id().toString(),
        j.relay(),
        j.state().name(),
        j.phase().map(JobPhase::wireName).orElse(null),
        j.step(),
        j.totalSteps(),
        j.progress(),
        j.loss().orElse(null),
        j.tokensPerSecond().orElse(null),
        j.error().orElse(null),
        j.model().orElse(null),
        j.baseModel(),
        j.requestedBy(),
        j.requestEventId().orElse(null),
        j.createdAt().toString(),
        j.updatedAt().toString(),
        new Artifacts(
            exists(j.lossSvgPath()) ? base + "/loss.svg" : null,
            exists(j.reportPath()) ? base + "/report" : null,
            exists(j.manifestPath()) ? base + "/manifest" : null,
            exists(j.adapterPath()) ? base + "/adapter" : null));
  }

  private static boolean exists(Optional<String> path) {
    return path.map(p -> Files.exists(Path.of(p))).orElse(false);
  }

  boolean ended() {
    return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
  }
}
