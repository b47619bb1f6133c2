package org.hearth.relay.fanout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Live fan-out through the SmallRye channel {@code relay-events}. With no connector configured the
 * emitter feeds the consumer in-process (one replica). For several replicas the channel is meant to
 * be bound to a broker (a RabbitMQ fan-out exchange) so that every replica's consumer sees every
 * accepted event; the access check runs on the receiving replica, per connection.
 */
@ApplicationScoped
public class FanoutBus {
  private static final Logger LOG = Logger.getLogger(FanoutBus.class);
  private final SubscriptionIndex index;

  @Inject
  @Channel("relay-events")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
  Emitter<FanoutEvent> emitter;

  public FanoutBus(SubscriptionIndex index) {
    this.index = index;
  }

  /** Publishes an accepted (stored or ephemeral) event. */
  public void publish(FanoutEvent e) {
    emitter
        .send(e)
        .exceptionally(
            err -> {
              LOG.warnf("fan-out of %s failed: %s", e.event().id(), err.toString());
              return null;
            });
  }

  @Incoming("relay-events")
  void deliver(FanoutEvent e) {
    index.dispatch(e.relay(), e.event());
  }
}
