package org.hearth.relay.fanout;

/** A connection that holds live subscriptions. */
public interface Subscriber {
  /** The relay path the connection is on. */
  String relay();

  /** Delivers a matching event; the subscriber applies the read access check itself. */
  void deliverLive(LiveSubscription subscription, OutgoingEvent event);
}
