package org.hearth.assistant.llm;

/** How a chat with the language model ended. */
public sealed interface ChatOutcome {
  /** The model finished its answer. */
  record Completed(String text) implements ChatOutcome {}

  /** The answer timeout expired; {@code partial} is what had streamed in by then (maybe empty). */
  record TimedOut(String partial) implements ChatOutcome {}

  /** Ollama could not be reached or refused the request. {@code reason} has no prompt text. */
  record Failed(String reason) implements ChatOutcome {}
}
