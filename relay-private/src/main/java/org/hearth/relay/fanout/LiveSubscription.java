package org.hearth.relay.fanout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventJson;
import org.hearth.nostr.filter.Filter;

/**
 * One REQ kept open after EOSE. Until {@link #goLive()} (the EOSE), matching events are buffered so
 * that nothing committed during the stored-events query is lost or delivered before EOSE.
 */
public final class LiveSubscription {
  private final Subscriber subscriber;
  private final String id;
  private final List<Filter> filters;
  private final String framePrefix;
  private final byte[] framePrefixBytes;
  private List<Event> buffer = new ArrayList<>();
  private volatile boolean closed;

  public LiveSubscription(Subscriber subscriber, String id, List<Filter> filters) {
    this.subscriber = subscriber;
    this.id = id;
    this.filters = List.copyOf(filters);
    StringBuilder sb = new StringBuilder(id.length() + 16).append("[\"EVENT\",");
    EventJson.quote(sb, id, true);
    this.framePrefix = sb.append(',').toString();
    this.framePrefixBytes = framePrefix.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code ["EVENT",<escaped id>,} in UTF-8, for frames spliced around {@link OutgoingEvent#utf8}.
   */
  public byte[] framePrefixUtf8() {
    return framePrefixBytes;
  }

  /**
   * The {@code ["EVENT",<id>,<event>]} frame for this subscription around an event's JSON: the
   * subscription id is escaped once, here, so a fan-out splices instead of encoding per subscriber.
   */
  public String frame(String eventJson) {
    return new StringBuilder(framePrefix.length() + eventJson.length() + 1)
        .append(framePrefix)
        .append(eventJson)
        .append(']')
        .toString();
  }

  public Subscriber subscriber() {
    return subscriber;
  }

  public String id() {
    return id;
  }

  public List<Filter> filters() {
    return filters;
  }

  public boolean closed() {
    return closed;
  }

  public void close() {
    closed = true;
  }

  /** True when any filter matches (search filters: every word must occur in the content). */
  public boolean matches(Event e) {
    for (Filter f : filters) {
      if (f.matches(e) && searchMatches(f, e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean searchMatches(Filter f, Event e) {
    if (f.search().isEmpty()) {
      return true;
    }
    String content = e.content().toLowerCase(Locale.ROOT);
    for (String word : f.search().get().toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!word.isEmpty() && !content.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Called by the index for a matching event: buffered before EOSE, delivered after.
   *
   * @return true when the caller should deliver it now
   */
  synchronized boolean offer(Event e) {
    if (closed) {
      return false;
    }
    if (buffer != null) {
      buffer.add(e);
      return false;
    }
    return true;
  }

  /** Ends buffering; returns the events that arrived during the stored query. */
  public synchronized List<Event> goLive() {
    List<Event> out = buffer == null ? List.of() : buffer;
    buffer = null;
    return out;
  }
}
