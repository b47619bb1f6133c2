package org.hearth.relay.fanout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Live fan-out. The SmallRye channel {@code relay-events} is in-process: its emitter feeds the
 * consumer of this replica at once. With several replicas {@link FanoutBroker} also carries every
 * accepted event over RabbitMQ to the others; the access check runs on the receiving replica, per
 * connection.
 */
@ApplicationScoped
public class FanoutBus {
  private static final Logger LOG = Logger.getLogger(FanoutBus.class);
  private final SubscriptionIndex index;
  private final FanoutBroker broker;

  @Inject
  @Channel("relay-events")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
  Emitter<FanoutEvent> emitter;

  public FanoutBus(SubscriptionIndex index, FanoutBroker broker) {
    this.index = index;
    this.broker = broker;
  }

  /**
   * Publishes an accepted (stored or ephemeral) event: to this replica's subscribers at once and,
   * with {@code hearth.relay.fanout.mode=rabbitmq}, to the other replicas through {@link
   * FanoutBroker}.
   */
  public void publish(FanoutEvent e) {
    emitter
        .send(e)
        .exceptionally(
            err -> {
              LOG.warnf("fan-out of %s failed: %s", e.event().id(), err.toString());
              return null;
            });
    broker.publish(e);
  }

  @Incoming("relay-events")
  void deliver(FanoutEvent e) {
    index.dispatch(e.relay(), e.event());
  }
}
