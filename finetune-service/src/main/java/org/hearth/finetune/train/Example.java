package org.hearth.finetune.train;

/**
 * One training sequence: a prompt followed by its answer. Loss counts only answer tokens.
 *
 * @param tokens prompt and answer token ids
 * @param promptLength how many leading tokens belong to the prompt
 */
public record Example(long[] tokens, int promptLength) {
  public Example {
    if (tokens.length < 2 || promptLength < 1 || promptLength >= tokens.length) {
      throw new IllegalArgumentException(
          "an example needs at least one prompt token and one answer token");
    }
  }
}
