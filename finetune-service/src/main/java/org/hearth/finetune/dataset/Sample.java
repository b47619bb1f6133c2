package org.hearth.finetune.dataset;

import java.util.Objects;

/**
 * One scrubbed training text: a prompt and the completion the model should learn to produce.
 *
 * @param kind where the text came from
 * @param prompt what precedes the completion (a document's framing, or a member's question)
 * @param completion the text trained on (a document's body, or the assistant's answer)
 * @param sourceIds hex ids of the relay events it was made from
 */
public record Sample(
    Kind kind, String prompt, String completion, java.util.List<String> sourceIds) {

  /** Where a sample came from. */
  public enum Kind {
    /** A note or long-form article. */
    DOCUMENT,
    /** A member's question and the assistant's answer, shared with the member's consent. */
    CHAT
  }

  public Sample {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(completion, "completion");
    if (prompt.isEmpty() || completion.isEmpty()) {
      throw new IllegalArgumentException("a sample needs a prompt and a completion");
    }
    sourceIds = java.util.List.copyOf(sourceIds);
  }
}
