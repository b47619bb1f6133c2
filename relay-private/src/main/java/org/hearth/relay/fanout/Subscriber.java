package org.hearth.relay.fanout;

import org.hearth.nostr.event.Event;

/** A connection that holds live subscriptions. */
public interface Subscriber {
  /** The relay path the connection is on. */
  String relay();

  /** Delivers a matching event; the subscriber applies the read access check itself. */
  void deliverLive(LiveSubscription subscription, Event event);
}
