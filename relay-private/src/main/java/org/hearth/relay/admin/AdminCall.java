package org.hearth.relay.admin;

import java.util.Set;
import org.hearth.relay.access.Role;
import org.hearth.relay.config.RelaySettings;

/**
 * One authorized management call.
 *
 * @param actor the caller's hex public key (proven by NIP-98)
 * @param roles the caller's active roles on this relay
 * @param now unix seconds
 */
public record AdminCall(RelaySettings relay, String actor, String ip, Set<Role> roles, long now) {
  public AdminCall {
    roles = Set.copyOf(roles);
  }

  public String path() {
    return relay.path();
  }

  public boolean isOwner() {
    return roles.contains(Role.OWNER) || relay.owner().hex().equals(actor);
  }

  public boolean administers() {
    return isOwner() || roles.contains(Role.ADMIN);
  }
}
