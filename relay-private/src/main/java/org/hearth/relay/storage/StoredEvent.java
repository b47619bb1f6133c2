package org.hearth.relay.storage;

import org.hearth.nostr.event.Event;

/**
 * A stored event and its stored wire JSON ({@code event.raw}, written as {@link Event#toJson()}),
 * so a reader can send the text as is once the access check on {@code event} has passed.
 */
public record StoredEvent(Event event, String raw) {}
