package org.hearth.relay.fanout;

/** A connection that holds live subscriptions. */
public interface Subscriber {
  /** The relay path the connection is on. */
  String relay();

  /**
   * Delivers a matching event; the subscriber applies the read access check itself. Work for the
   * connection's event loop may be deferred to {@code batch}, which the caller runs once it has
   * offered the event to every subscriber.
   */
  void deliverLive(LiveSubscription subscription, OutgoingEvent event, DeliveryBatch batch);
}
