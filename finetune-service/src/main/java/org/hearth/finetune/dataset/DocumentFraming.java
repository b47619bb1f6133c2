package org.hearth.finetune.dataset;

import java.util.List;
import java.util.Optional;
import org.hearth.nostr.event.Event;

/**
 * How a document event becomes a prompt and a completion, before scrubbing. The completion is the
 * event's text; the prompt frames it the way a member would ask for it:
 *
 * <ul>
 *   <li>long-form (30023): {@code Write an article for the <relay> household titled "<title>".}
 *       plus a {@code Summary: <summary>} line when the article has one;
 *   <li>notes (1): {@code Write a note for the <relay> household.}, or {@code ... about #a, #b.}
 *       with its {@code t} tags. One sample per note: notes are short and written by different
 *       people at different times, so grouping them would teach the model to mix voices;
 *   <li>any other configured kind: {@code Write a post (kind N) for the <relay> household.}
 * </ul>
 */
final class DocumentFraming {
  static final int NOTE = 1;
  static final int LONG_FORM = 30023;

  private DocumentFraming() {}

  /** The raw prompt and completion, or empty when the event has no text. */
  static Optional<String[]> frame(Event e, String relay) {
    String body = e.content().strip();
    if (body.isEmpty()) {
      return Optional.empty();
    }
    String prompt =
        switch (e.kind()) {
          case LONG_FORM -> article(e, relay);
          case NOTE -> note(e, relay);
          default -> "Write a post (kind " + e.kind() + ") for the " + relay + " household.";
        };
    return Optional.of(new String[] {prompt, body});
  }

  private static String article(Event e, String relay) {
    Optional<String> title = e.firstTagValue("title").map(String::strip).filter(s -> !s.isEmpty());
    Optional<String> summary =
        e.firstTagValue("summary").map(String::strip).filter(s -> !s.isEmpty());
    StringBuilder sb =
        new StringBuilder("Write an article for the ").append(relay).append(" household");
    title.ifPresent(t -> sb.append(" titled \"").append(t).append('"'));
    sb.append('.');
    summary.ifPresent(s -> sb.append("\nSummary: ").append(s));
    return sb.toString();
  }

  private static String note(Event e, String relay) {
    List<String> topics =
        e.tagValues("t").stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    String about = topics.isEmpty() ? "" : " about #" + String.join(", #", topics);
    return "Write a note for the " + relay + " household" + about + ".";
  }
}
