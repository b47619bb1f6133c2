package org.hearth.finetune.scrub;

/**
 * A scrubbed text and what was replaced in it.
 *
 * @param text the text with placeholders and pseudonyms
 * @param stats replacement counts per category
 */
public record ScrubResult(String text, ScrubStats stats) {}
