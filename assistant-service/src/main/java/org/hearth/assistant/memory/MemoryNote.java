package org.hearth.assistant.memory;

/**
 * A note held in an assistant's memory.
 *
 * @param createdAt unix seconds
 * @param score relevance of the note to the question it was found for (0 when not searched)
 */
public record MemoryNote(
    String eventId, String pubkey, int kind, long createdAt, String content, double score) {

  public MemoryNote withScore(double s) {
    return new MemoryNote(eventId, pubkey, kind, createdAt, content, s);
  }
}
