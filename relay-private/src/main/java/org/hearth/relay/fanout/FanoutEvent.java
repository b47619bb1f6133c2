package org.hearth.relay.fanout;

import org.hearth.nostr.event.Event;

/** An accepted event on its way to live subscribers (of every replica, once a broker is used). */
public record FanoutEvent(String relay, Event event) {}
