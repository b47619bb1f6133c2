package org.hearth.relay.fanout;

import java.nio.charset.StandardCharsets;
import org.hearth.nostr.event.Event;

/**
 * An event on its way to live subscribers. Its wire JSON is encoded at most once per dispatch and
 * shared by every subscriber's frame (see {@link LiveSubscription#frame}).
 */
public final class OutgoingEvent {
  private final Event event;
  private String json;
  private byte[] utf8;

  public OutgoingEvent(Event event) {
    this.event = event;
  }

  /** An event whose wire JSON is already known (e.g. the stored raw text). */
  public OutgoingEvent(Event event, String json) {
    this.event = event;
    this.json = json;
  }

  public Event event() {
    return event;
  }

  /**
   * The event as compact JSON, encoded on first use. A race between threads only encodes twice
   * (Strings are immutable and safely published).
   */
  public String json() {
    String j = json;
    if (j == null) {
      j = event.toJson();
      json = j;
    }
    return j;
  }

  /** {@link #json()} as UTF-8, encoded on first use (the same benign race as {@link #json()}). */
  public byte[] utf8() {
    byte[] b = utf8;
    if (b == null) {
      b = json().getBytes(StandardCharsets.UTF_8);
      utf8 = b;
    }
    return b;
  }
}
