package org.hearth.cli.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A fine-tune job as the finetune service describes it (docs/finetune-protocol.md). Missing or null
 * fields are empty; {@code raw} is the JSON as received.
 */
public record Job(
    String id,
    String relay,
    State state,
    Optional<String> phase,
    OptionalLong step,
    OptionalLong totalSteps,
    OptionalDouble progress,
    OptionalDouble loss,
    OptionalDouble tokensPerSecond,
    Optional<String> error,
    Optional<String> model,
    Optional<String> requestedBy,
    Optional<String> createdAt,
    Optional<String> updatedAt,
    Artifacts artifacts,
    JsonNode raw) {

  /** The job states of the contract. */
  public enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean ended() {
      return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
  }

  /** URLs of a job's files (relative to the service, or absolute). */
  public record Artifacts(
      Optional<String> lossCurve,
      Optional<String> report,
      Optional<String> manifest,
      Optional<String> adapter) {}

  /** Reads a job; a {@link FinetuneCallException} when it is not one. */
  public static Job fromJson(JsonNode n) {
    if (n == null || !n.isObject() || text(n, "id").isEmpty() || text(n, "state").isEmpty()) {
      throw FinetuneCallException.badResponse("the service's answer is not a job");
    }
    State state;
    try {
      state = State.valueOf(n.get("state").asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw FinetuneCallException.badResponse("unknown job state " + n.get("state"));
    }
    JsonNode a = n.path("artifacts");
    return new Job(
        n.get("id").asText(),
        text(n, "relay").orElse(""),
        state,
        text(n, "phase"),
        integer(n, "step"),
        integer(n, "totalSteps"),
        number(n, "progress"),
        number(n, "loss"),
        number(n, "tokensPerSecond"),
        text(n, "error"),
        text(n, "model"),
        text(n, "requestedBy"),
        text(n, "createdAt"),
        text(n, "updatedAt"),
        new Artifacts(
            text(a, "lossCurve"), text(a, "report"), text(a, "manifest"), text(a, "adapter")),
        n);
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.isContainerNode() || v.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(v.asText());
  }

  private static OptionalLong integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
  }

  private static OptionalDouble number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() && Double.isFinite(v.asDouble())
        ? OptionalDouble.of(v.asDouble())
        : OptionalDouble.empty();
  }
}
