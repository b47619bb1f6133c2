package org.hearth.nostr.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An unsigned event: what a {@link org.hearth.nostr.crypto.Signer} turns into an {@link Event}.
 *
 * @param createdAt unix time in seconds
 */
public record EventTemplate(int kind, List<List<String>> tags, String content, long createdAt) {

  public EventTemplate {
    Objects.requireNonNull(content, "content");
    tags = Event.copyTags(tags);
  }

  /** A template stamped with the current time. */
  public static EventTemplate of(int kind, List<List<String>> tags, String content) {
    return new EventTemplate(kind, tags, content, Instant.now().getEpochSecond());
  }

  public EventTemplate withCreatedAt(long seconds) {
    return new EventTemplate(kind, tags, content, seconds);
  }

  public EventTemplate withTag(String... tag) {
    List<List<String>> more = new ArrayList<>(tags);
    more.add(List.of(tag));
    return new EventTemplate(kind, more, content, createdAt);
  }
}
