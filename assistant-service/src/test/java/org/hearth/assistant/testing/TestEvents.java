package org.hearth.assistant.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;

/** Signed events for tests. */
public final class TestEvents {
  private TestEvents() {}

  public static Event note(LocalSigner author, String content, long createdAt, String... tagPairs) {
    return event(author, 1, content, createdAt, tagPairs);
  }

  /** An event whose tags are given as name,value pairs. */
  public static Event event(
      LocalSigner author, int kind, String content, long createdAt, String... tagPairs) {
    List<List<String>> tags = new ArrayList<>();
    for (int i = 0; i + 1 < tagPairs.length; i += 2) {
      tags.add(List.of(tagPairs[i], tagPairs[i + 1]));
    }
    return author.sign(new EventTemplate(kind, tags, content, createdAt));
  }

  public static long now() {
    return Instant.now().getEpochSecond();
  }

  public static long daysAgo(int days) {
    return now() - days * 86400L;
  }
}
