package org.hearth.relay.fanout;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.hearth.nostr.NostrException;
import org.hearth.relay.config.RelayConfig;
import org.hearth.relay.config.Relays;
import org.jboss.logging.Logger;

/**
 * The replicas' side of fan-out ({@code hearth.relay.fanout.mode=rabbitmq}): publishes every
 * locally accepted event to the exchange through {@link #OUT} and hands the other replicas' events,
 * arriving on {@link #IN}, to the local {@link SubscriptionIndex}, which applies this replica's
 * access rules per connection. Copies of this replica's own events are ignored: they were delivered
 * locally already. With mode {@code in-memory} both channels are disabled and nothing is sent.
 */
@ApplicationScoped
public class FanoutBroker {
  /** Outgoing channel, bound to the RabbitMQ exchange. */
  public static final String OUT = "relay-events-out";

  /** Incoming channel, this replica's exclusive queue on the exchange. */
  public static final String IN = "relay-events-in";

  private static final Logger LOG = Logger.getLogger(FanoutBroker.class);

  private final SubscriptionIndex index;
  private final Relays relays;
  private final boolean enabled;
  private final String instance;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong echoes = new AtomicLong();

  private final Multi<String> outgoing;
  private volatile MultiEmitter<? super String> sink;

  public FanoutBroker(SubscriptionIndex index, Relays relays, RelayConfig config) {
    this.index = index;
    this.relays = relays;
    this.enabled = config.fanout().mode() == FanoutMode.RABBITMQ;
    this.instance = config.fanout().instanceId().orElse("in-memory");
    this.outgoing = Multi.createFrom().emitter(em -> sink = em, BackPressureStrategy.DROP);
  }

  /**
   * The stream to the exchange. A publisher method rather than an {@code Emitter}, because an
   * emitter on a disabled channel (mode {@code in-memory}) fails the start. The connector's demand
   * is bounded (its in-flight limit); without demand (broker away) events are counted as failed and
   * dropped: live fan-out is best effort across replicas, the store is not.
   */
  @Outgoing(OUT)
  Multi<String> toBroker() {
    return outgoing;
  }

  public boolean enabled() {
    return enabled;
  }

  public String instance() {
    return instance;
  }

  /** Sends a locally accepted event to the other replicas; never blocks, never throws. */
  public void publish(FanoutEvent e) {
    if (!enabled) {
      return;
    }
    MultiEmitter<? super String> em = sink;
    if (em == null || em.isCancelled() || em.requested() == 0) {
      failed.incrementAndGet();
      LOG.debugf("fan-out of %s to the broker dropped: no demand", e.event().id());
      return;
    }
    em.emit(new BrokerEnvelope(instance, e.relay(), e.event()).toJson());
    published.incrementAndGet();
  }

  @Incoming(IN)
  void receive(String json) {
    BrokerEnvelope m;
    try {
      m = BrokerEnvelope.fromJson(json);
      if (m.instance().equals(instance)) {
        echoes.incrementAndGet(); // our own event, delivered locally at once
        return;
      }
      m.event().validate();
    } catch (NostrException err) {
      LOG.warnf("ignoring a fan-out message from the broker: %s", err.getMessage());
      return;
    }
    if (relays.find(m.relay()).isEmpty()) {
      LOG.debugf("ignoring an event for relay %s, unknown here", m.relay());
      return;
    }
    received.incrementAndGet();
    index.dispatch(m.relay(), m.event());
  }

  /** Events handed to the connector for the exchange so far. */
  public long published() {
    return published.get();
  }

  /** Events from other replicas delivered to local subscribers so far. */
  public long received() {
    return received.get();
  }

  /** This replica's own events that came back from the exchange and were ignored. */
  public long echoes() {
    return echoes.get();
  }

  /** Events not sent to the exchange (broker away, connector not keeping up). */
  public long failed() {
    return failed.get();
  }
}
