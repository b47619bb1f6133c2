package org.hearth.assistant.conversation;

import java.util.List;

/**
 * One message of a member's conversation with an assistant.
 *
 * @param sources {@code nostr:nevent1...} links an answer cited (empty for questions)
 * @param createdAt unix seconds
 */
public record Turn(Speaker speaker, String content, List<String> sources, long createdAt) {
  public Turn {
    sources = List.copyOf(sources);
  }

  /** Who said it. */
  public enum Speaker {
    MEMBER,
    ASSISTANT
  }
}
