package org.hearth.relay.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Grants in PostgreSQL ({@code grant_role}). */
@ApplicationScoped
public class GrantRepository {
  static final String CONFIG_SOURCE = "config";
  private final Pool pool;

  public GrantRepository(Pool pool) {
    this.pool = pool;
  }

  /** Replaces every configuration-sourced grant by {@code grants}, in one transaction. */
  public Uni<Void> replaceConfigGrants(List<Grant> grants, long now) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("DELETE FROM grant_role WHERE source = $1")
                .execute(Tuple.of(CONFIG_SOURCE))
                .chain(
                    () ->
                        grants.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : insertAll(tx, grants, now)));
  }

  private Uni<Void> insertAll(SqlClient tx, List<Grant> grants, long now) {
    List<Tuple> rows = new ArrayList<>();
    for (Grant g : grants) {
      rows.add(tuple(g, now));
    }
    return tx.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
  }

  private static final String INSERT =
      "INSERT INTO grant_role (relay, pubkey, role, read_kinds, write_kinds, expires_at,"
          + " revoked_at, granted_by, source, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)";

  private static Tuple tuple(Grant g, long now) {
    return Tuple.tuple(
        Arrays.asList(
            g.relay(),
            g.pubkey(),
            g.role().key(),
            g.readKinds().map(GrantRepository::toArray).orElse(null),
            g.writeKinds().map(GrantRepository::toArray).orElse(null),
            g.expiresAt().isPresent() ? g.expiresAt().getAsLong() : null,
            g.revokedAt().isPresent() ? g.revokedAt().getAsLong() : null,
            g.grantedBy().orElse(null),
            g.source(),
            now));
  }

  /** Adds one grant; returns its id. */
  public Uni<Long> insert(Grant g, long now) {
    return pool.preparedQuery(INSERT + " RETURNING id")
        .execute(tuple(g, now))
        .map(rs -> rs.iterator().next().getLong(0));
  }

  /** Revokes every active grant of {@code pubkey} on {@code relay}; returns how many. */
  public Uni<Integer> revoke(String relay, String pubkey, long now) {
    return pool.preparedQuery(
            "UPDATE grant_role SET revoked_at = $3"
                + " WHERE relay = $1 AND pubkey = $2 AND revoked_at IS NULL")
        .execute(Tuple.of(relay, pubkey, now))
        .map(rs -> rs.rowCount());
  }

  /** Every grant not revoked (expired ones included: expiry is checked at use). */
  public Uni<List<Grant>> loadActive() {
    return pool.query(
            "SELECT id, relay, pubkey, role, read_kinds, write_kinds, expires_at, revoked_at,"
                + " granted_by, source FROM grant_role WHERE revoked_at IS NULL")
        .execute()
        .map(
            rs -> {
              List<Grant> out = new ArrayList<>();
              for (Row r : rs) {
                out.add(fromRow(r));
              }
              return out;
            });
  }

  private static Grant fromRow(Row r) {
    return new Grant(
        r.getLong("id"),
        r.getString("relay"),
        r.getString("pubkey"),
        Role.fromKey(r.getString("role")),
        kinds(r.getArrayOfIntegers("read_kinds")),
        kinds(r.getArrayOfIntegers("write_kinds")),
        optLong(r.getLong("expires_at")),
        optLong(r.getLong("revoked_at")),
        Optional.ofNullable(r.getString("granted_by")),
        r.getString("source"));
  }

  private static Optional<Set<Integer>> kinds(Integer[] a) {
    return a == null ? Optional.empty() : Optional.of(new HashSet<>(Arrays.asList(a)));
  }

  private static OptionalLong optLong(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static Integer[] toArray(Set<Integer> kinds) {
    return kinds.toArray(Integer[]::new);
  }
}
