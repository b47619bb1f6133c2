package org.hearth.assistant.dm;

import org.hearth.nostr.event.Event;

/** Publishes a reply event on the assistant's relay; true when the relay accepted it. */
@FunctionalInterface
public interface DmPublisher {
  boolean publish(Event event);
}
