package org.hearth.assistant.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.hearth.nostr.client.ConnectionState;

/** Ready when every assistant's relay connection is open (or when none is configured). */
@Readiness
@ApplicationScoped
public class RelayLinksHealth implements HealthCheck {
  private final RelayLinks links;

  public RelayLinksHealth(RelayLinks links) {
    this.links = links;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("assistant relays");
    boolean up = true;
    for (Map.Entry<String, RelayLink> e : links.links().entrySet()) {
      ConnectionState s = e.getValue().state();
      b.withData(e.getKey(), s.name());
      up &= s == ConnectionState.CONNECTED;
    }
    return b.status(up).build();
  }
}
