package org.hearth.relay.fanout;

import io.smallrye.health.api.Wellness;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code rabbitmq-fanout} (at {@code /q/health/well}): whether this replica is connected to the
 * broker that carries events between replicas. A wellness check on purpose, not readiness or
 * liveness: with the broker away the relay still stores events and serves its own subscribers, so
 * it must neither be taken out of the load balancer nor restarted; the connector reconnects by
 * itself. UP with mode {@code in-memory}.
 */
@Wellness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {
  static final String NAME = "rabbitmq-fanout";
  private static final Set<String> CHANNELS = Set.of(FanoutBroker.IN, FanoutBroker.OUT);

  private final FanoutBroker broker;
  private final Instance<HealthReporter> reporters;

  public BrokerHealthCheck(FanoutBroker broker, @Any Instance<HealthReporter> reporters) {
    this.broker = broker;
    this.reporters = reporters;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
    if (!broker.enabled()) {
      return b.up().withData("mode", "in-memory").build();
    }
    boolean up = true;
    int seen = 0;
    for (HealthReporter r : reporters) {
      for (HealthReport report : new HealthReport[] {r.getReadiness(), r.getLiveness()}) {
        for (HealthReport.ChannelInfo c : report.getChannels()) {
          if (CHANNELS.contains(c.getChannel())) {
            seen++;
            if (!c.isOk()) {
              up = false;
              b.withData(c.getChannel(), c.getMessage() == null ? "down" : c.getMessage());
            }
          }
        }
      }
    }
    b.withData("mode", "rabbitmq")
        .withData("instance", broker.instance())
        .withData("published", broker.published())
        .withData("received", broker.received())
        .withData("echoes-ignored", broker.echoes())
        .withData("failed", broker.failed());
    return b.status(up && seen > 0).build();
  }
}
