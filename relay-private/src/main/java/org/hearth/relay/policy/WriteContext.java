package org.hearth.relay.policy;

import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.relay.access.Membership;
import org.hearth.relay.config.RelayConfig;
import org.hearth.relay.config.RelaySettings;

/**
 * Everything a write policy may look at.
 *
 * @param authed the keys authenticated (NIP-42) on the publishing connection
 * @param now unix seconds
 */
public record WriteContext(
    RelaySettings relay,
    Set<String> authed,
    Event event,
    long now,
    Membership membership,
    RelayConfig.Limits limits) {

  public boolean authorAuthenticated() {
    return authed.contains(event.pubkey());
  }

  /** True when some authenticated key may write the event's kind here. */
  public boolean writerAuthenticated() {
    for (String pk : authed) {
      if (membership.mayWrite(relay.path(), pk, event.kind(), now)) {
        return true;
      }
    }
    return false;
  }
}
