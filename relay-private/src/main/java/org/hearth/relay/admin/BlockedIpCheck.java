package org.hearth.relay.admin;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hearth.nostr.nip86.IpLiteral;

/** Refuses the websocket upgrade (403) from an IP an admin blocked on that relay (NIP-86). */
@ApplicationScoped
public class BlockedIpCheck implements HttpUpgradeCheck {
  private final AdminRules rules;

  public BlockedIpCheck(AdminRules rules) {
    this.rules = rules;
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext context) {
    String relay = context.pathParam("relay");
    var remote = context.httpRequest().remoteAddress();
    if (relay != null
        && remote != null
        && rules.blocked(
            relay, IpLiteral.canonical(remote.hostAddress()).orElse(remote.hostAddress()))) {
      return CheckResult.rejectUpgrade(403);
    }
    return CheckResult.permitUpgrade();
  }
}
