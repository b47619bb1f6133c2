package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.relay.access.Grant;
import org.hearth.relay.access.GrantRepository;
import org.hearth.relay.access.Membership;
import org.hearth.relay.access.Role;

/**
 * Grants as the admin API sees them: listing a relay's members, revoking one role, the roles of a
 * key. Changes go through {@link Membership} so its cache (what every read path checks) is reloaded
 * at once.
 */
@ApplicationScoped
public class Members {
  private final GrantRepository grants;
  private final Membership membership;
  private final Pool pool;

  public Members(GrantRepository grants, Membership membership, Pool pool) {
    this.grants = grants;
    this.membership = membership;
    this.pool = pool;
  }

  /** Active grants on {@code relay}, by pubkey, in a stable order. */
  public Uni<Map<String, List<Grant>>> active(String relay, long now) {
    return grants
        .loadActive()
        .map(
            all -> {
              Map<String, List<Grant>> out = new LinkedHashMap<>();
              all.stream()
                  .filter(g -> g.relay().equals(relay) && g.activeAt(now))
                  .sorted(
                      java.util.Comparator.comparing(Grant::role)
                          .thenComparing(Grant::pubkey)
                          .thenComparingLong(Grant::id))
                  .forEach(g -> out.computeIfAbsent(g.pubkey(), k -> new ArrayList<>()).add(g));
              return out;
            });
  }

  /** The roles {@code pubkey} holds on {@code relay} right now (from the live cache). */
  public Set<Role> roles(String relay, String pubkey, long now) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    membership.activeGrants(relay, pubkey, now).forEach(g -> out.add(g.role()));
    return out;
  }

  public Uni<Void> grant(Grant g) {
    return membership.grant(g);
  }

  /** Revokes every grant of {@code pubkey}. */
  public Uni<Void> revokeAll(String relay, String pubkey) {
    return membership.revoke(relay, pubkey);
  }

  /** Revokes the grants of one role; true when there was one. */
  public Uni<Boolean> revokeRole(String relay, String pubkey, Role role, long now) {
    return pool.preparedQuery(
            "UPDATE grant_role SET revoked_at = $4 WHERE relay = $1 AND pubkey = $2 AND role = $3"
                + " AND revoked_at IS NULL")
        .execute(Tuple.of(relay, pubkey, role.key(), now))
        .map(rs -> rs.rowCount() > 0)
        .call(membership::reload);
  }
}
