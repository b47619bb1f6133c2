package org.hearth.cli.finetune;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a {@code text/event-stream} line by line (WHATWG HTML, "server-sent events"): fields {@code
 * event}, {@code data}, {@code id}, {@code retry}; lines starting with a colon are comments; a
 * blank line dispatches the event. Not thread-safe; one per stream.
 */
public final class SseParser {
  private String name = "";
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String lastId;
  private OptionalLong retryMillis = OptionalLong.empty();

  /** Feeds one line (without its line ending); returns the event a blank line completes. */
  public Optional<SseEvent> line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith(":")) {
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> name = value;
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "id" -> {
        if (!value.contains("\0")) {
          lastId = value;
        }
      }
      case "retry" -> {
        if (value.matches("[0-9]{1,9}")) {
          retryMillis = OptionalLong.of(Long.parseLong(value));
        }
      }
      default -> {}
    }
    return Optional.empty();
  }

  /** The last event id the stream set (for {@code Last-Event-ID} on reconnection). */
  public Optional<String> lastEventId() {
    return Optional.ofNullable(lastId).filter(s -> !s.isEmpty());
  }

  /** The reconnection delay the server asked for, if any. */
  public OptionalLong retryMillis() {
    return retryMillis;
  }

  /** Forgets a half-read event (the stream broke); keeps the last id and retry. */
  public void reset() {
    name = "";
    data.setLength(0);
    hasData = false;
  }

  private Optional<SseEvent> dispatch() {
    if (!hasData) {
      name = "";
      return Optional.empty();
    }
    SseEvent e = new SseEvent(name.isEmpty() ? "message" : name, data.toString(), lastEventId());
    reset();
    return Optional.of(e);
  }
}
