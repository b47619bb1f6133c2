package org.hearth.finetune.job;

import java.util.Optional;

/**
 * A request for a job, from REST or a kind-5970 event, after authorisation.
 *
 * @param relay the relay to train on (and nothing else)
 * @param requestedBy hex pubkey of the owner/admin asking
 * @param requester hex pubkey that sent it (a service may send for an admin)
 * @param requestEventId the request event's id (absent for REST)
 */
public record JobRequest(
    String relay,
    Optional<String> baseModel,
    Optional<Integer> steps,
    Optional<Double> learningRate,
    Optional<Integer> rank,
    String requestedBy,
    String requester,
    Optional<String> requestEventId) {}
