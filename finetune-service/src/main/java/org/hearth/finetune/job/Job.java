package org.hearth.finetune.job;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One fine-tune job as persisted.
 *
 * @param progress 0..1
 * @param loss the last step's training loss (nats per answer token), if any
 * @param tokensPerSecond training throughput so far, if any
 * @param requestedBy hex pubkey of the owner/admin the job is for
 * @param requester hex pubkey that sent the request (the admin, or a service acting for one)
 * @param requestEventId the kind-5970 event that asked for it (absent for REST requests)
 * @param artifactDir directory of the job's files
 * @param checkpointStep optimizer step of the newest checkpoint, if any
 * @param worker the replica that runs (or ran) it
 */
public record Job(
    UUID id,
    String relay,
    JobState state,
    Optional<JobPhase> phase,
    int step,
    int totalSteps,
    double progress,
    Optional<Double> loss,
    Optional<Double> tokensPerSecond,
    Optional<String> error,
    Optional<String> model,
    String baseModel,
    double learningRate,
    int rank,
    String requestedBy,
    String requester,
    Optional<String> requestEventId,
    boolean cancelRequested,
    Optional<String> inputsHash,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    String artifactDir,
    Optional<String> adapterPath,
    Optional<String> lossSvgPath,
    Optional<String> lossPngPath,
    Optional<String> reportPath,
    Optional<String> manifestPath,
    Optional<String> checkpointPath,
    Optional<Integer> checkpointStep,
    Optional<String> worker) {}
