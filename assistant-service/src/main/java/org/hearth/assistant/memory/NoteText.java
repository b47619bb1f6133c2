package org.hearth.assistant.memory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.hearth.nostr.event.Event;

/** The searchable text of a followed event: its content plus the tags a reader needs. */
final class NoteText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private NoteText() {}

  static String of(Event e, int maxChars) {
    String text =
        switch (e.kind()) {
          case 30023 -> longForm(e);
          case 31922, 31923 -> calendar(e);
          default -> isList(e.kind()) ? list(e) : e.content();
        };
    text = text.strip();
    return text.length() > maxChars ? text.substring(0, maxChars) : text;
  }

  static boolean isList(int kind) {
    return (kind >= 10000 && kind < 10100) || (kind >= 30000 && kind < 30010);
  }

  private static String longForm(Event e) {
    StringBuilder sb = new StringBuilder();
    e.firstTagValue("title").ifPresent(t -> sb.append(t).append("\n"));
    e.firstTagValue("summary").ifPresent(t -> sb.append(t).append("\n"));
    return sb.append(e.content()).toString();
  }

  private static String calendar(Event e) {
    StringBuilder sb = new StringBuilder("Calendar event: ");
    sb.append(e.firstTagValue("title").or(() -> e.firstTagValue("name")).orElse(e.dTag()));
    Optional<String> start = e.firstTagValue("start");
    Optional<String> end = e.firstTagValue("end");
    start.ifPresent(s -> sb.append(", starts ").append(when(e.kind(), s)));
    end.ifPresent(s -> sb.append(", ends ").append(when(e.kind(), s)));
    List<String> locations = e.tagValues("location");
    if (!locations.isEmpty()) {
      sb.append(", at ").append(String.join("; ", locations));
    }
    sb.append(".");
    if (!e.content().isBlank()) {
      sb.append("\n").append(e.content());
    }
    return sb.toString();
  }

  private static String when(int kind, String value) {
    if (kind == 31922) {
      return value; // a date, YYYY-MM-DD
    }
    try {
      return TIME.format(Instant.ofEpochSecond(Long.parseLong(value.strip())));
    } catch (RuntimeException e) {
      return value;
    }
  }

  private static String list(Event e) {
    StringBuilder sb = new StringBuilder("List");
    e.firstTagValue("title")
        .or(() -> Optional.of(e.dTag()).filter(d -> !d.isEmpty()))
        .ifPresent(t -> sb.append(" \"").append(t).append('"'));
    sb.append(":");
    for (List<String> tag : e.tags()) {
      if (tag.size() >= 2 && !tag.get(0).equals("d") && !tag.get(0).equals("title")) {
        sb.append("\n- ").append(tag.get(0)).append(' ').append(tag.get(1));
      }
    }
    // Encrypted private items (NIP-51) stay private: the content is not read.
    return sb.toString();
  }
}
