package org.hearth.assistant.answer;

import java.util.List;

/**
 * A reply ready to send.
 *
 * @param parts the DMs, in order, each within the maximum DM length
 * @param sources {@code nostr:nevent1...} links of the notes the answer rests on
 */
public record Answer(List<String> parts, List<String> sources, Mode mode) {
  public Answer {
    parts = List.copyOf(parts);
    sources = List.copyOf(sources);
  }

  /** How the answer was produced. */
  public enum Mode {
    /** Written by the language model. */
    MODEL,
    /** The model was cut off by the answer timeout; the partial text is sent, marked as such. */
    MODEL_PARTIAL,
    /** No language model available: the most relevant notes, said plainly. */
    RETRIEVAL_ONLY,
    /** A DM command's reply. */
    COMMAND
  }

  /** All parts joined (for tests and history). */
  public String text() {
    return String.join("\n\n", parts);
  }
}
