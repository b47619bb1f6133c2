package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** NIP-43 custom roles and who holds them ({@code admin_role}, {@code admin_role_member}). */
@ApplicationScoped
public class RoleStore {
  /** A custom role as NIP-86 createrole/editrole give it. */
  public record CustomRole(
      String id,
      Optional<String> label,
      Optional<String> description,
      Optional<String> color,
      Optional<Integer> order) {}

  private final Pool pool;

  public RoleStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<Boolean> create(String relay, CustomRole r) {
    return pool.preparedQuery(
            "INSERT INTO admin_role (relay, id, label, description, color, ord)"
                + " VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING")
        .execute(tuple(relay, r))
        .map(rs -> rs.rowCount() > 0);
  }

  public Uni<Boolean> edit(String relay, CustomRole r) {
    return pool.preparedQuery(
            "UPDATE admin_role SET label = COALESCE($3, label),"
                + " description = COALESCE($4, description), color = COALESCE($5, color),"
                + " ord = COALESCE($6, ord) WHERE relay = $1 AND id = $2")
        .execute(tuple(relay, r))
        .map(rs -> rs.rowCount() > 0);
  }

  private static Tuple tuple(String relay, CustomRole r) {
    return Tuple.tuple(
        Arrays.asList(
            relay,
            r.id(),
            r.label().orElse(null),
            r.description().orElse(null),
            r.color().orElse(null),
            r.order().orElse(null)));
  }

  public Uni<Boolean> delete(String relay, String id) {
    return pool.preparedQuery("DELETE FROM admin_role WHERE relay = $1 AND id = $2")
        .execute(Tuple.of(relay, id))
        .map(rs -> rs.rowCount() > 0);
  }

  public Uni<List<CustomRole>> list(String relay) {
    return pool.preparedQuery(
            "SELECT id, label, description, color, ord FROM admin_role WHERE relay = $1"
                + " ORDER BY ord NULLS LAST, id")
        .execute(Tuple.of(relay))
        .map(
            rs -> {
              List<CustomRole> out = new ArrayList<>();
              for (Row r : rs) {
                out.add(
                    new CustomRole(
                        r.getString("id"),
                        Optional.ofNullable(r.getString("label")),
                        Optional.ofNullable(r.getString("description")),
                        Optional.ofNullable(r.getString("color")),
                        Optional.ofNullable(r.getInteger("ord"))));
              }
              return out;
            });
  }

  public Uni<Boolean> assign(String relay, String id, String pubkey) {
    return pool.preparedQuery(
            "INSERT INTO admin_role_member (relay, role_id, pubkey) VALUES ($1,$2,$3)"
                + " ON CONFLICT DO NOTHING")
        .execute(Tuple.of(relay, id, pubkey))
        .map(rs -> rs.rowCount() > 0);
  }

  public Uni<Boolean> unassign(String relay, String id, String pubkey) {
    return pool.preparedQuery(
            "DELETE FROM admin_role_member WHERE relay = $1 AND role_id = $2 AND pubkey = $3")
        .execute(Tuple.of(relay, id, pubkey))
        .map(rs -> rs.rowCount() > 0);
  }

  /** pubkey → custom role ids held on {@code relay}. */
  public Uni<Map<String, List<String>>> holders(String relay) {
    return pool.preparedQuery(
            "SELECT pubkey, role_id FROM admin_role_member WHERE relay = $1 ORDER BY role_id")
        .execute(Tuple.of(relay))
        .map(
            rs -> {
              Map<String, List<String>> out = new HashMap<>();
              for (Row r : rs) {
                out.computeIfAbsent(r.getString("pubkey"), k -> new ArrayList<>())
                    .add(r.getString("role_id"));
              }
              return out;
            });
  }
}
