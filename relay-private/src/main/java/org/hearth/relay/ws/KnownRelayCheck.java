package org.hearth.relay.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hearth.relay.config.Relays;

/**
 * Refuses the websocket upgrade (404) for a path that names no configured relay; for a known one it
 * passes the connection's channel on ({@link ConnectionChannel}).
 */
@ApplicationScoped
public class KnownRelayCheck implements HttpUpgradeCheck {
  private final Relays relays;

  public KnownRelayCheck(Relays relays) {
    this.relays = relays;
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext context) {
    String relay = context.pathParam("relay");
    if (relay == null || relays.find(relay).isEmpty()) {
      return CheckResult.rejectUpgrade(404);
    }
    ConnectionChannel.capture(context.httpRequest(), context.userData());
    return CheckResult.permitUpgrade();
  }
}
