package org.hearth.relay.admin.nip43;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Invite codes in PostgreSQL ({@code invite}); single use, expiring, revocable. */
@ApplicationScoped
public class InviteStore {
  /** One invite code. */
  public record Invite(
      String code,
      String relay,
      String role,
      String createdBy,
      long createdAt,
      long expiresAt,
      Optional<Long> revokedAt,
      Optional<String> usedBy) {}

  private final Pool pool;
  private final SecureRandom random = new SecureRandom();

  public InviteStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<Invite> create(String relay, String role, String createdBy, long now, long expiresAt) {
    byte[] b = new byte[15];
    random.nextBytes(b);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Invite i =
        new Invite(
            code, relay, role, createdBy, now, expiresAt, Optional.empty(), Optional.empty());
    return pool.preparedQuery(
            "INSERT INTO invite (code, relay, role, created_by, created_at, expires_at)"
                + " VALUES ($1,$2,$3,$4,$5,$6)")
        .execute(Tuple.of(code, relay, role, createdBy, now, expiresAt))
        .replaceWith(i);
  }

  public Uni<Boolean> revoke(String relay, String code, long now) {
    return pool.preparedQuery(
            "UPDATE invite SET revoked_at = $3 WHERE relay = $1 AND code = $2"
                + " AND revoked_at IS NULL AND used_by IS NULL")
        .execute(Tuple.of(relay, code, now))
        .map(rs -> rs.rowCount() > 0);
  }

  public Uni<Optional<Invite>> find(String relay, String code) {
    return pool.preparedQuery(SELECT + " WHERE relay = $1 AND code = $2")
        .execute(Tuple.of(relay, code))
        .map(rs -> rs.rowCount() == 0 ? Optional.empty() : Optional.of(row(rs.iterator().next())));
  }

  /** Marks the code used by {@code pubkey} if still usable; the role it grants, else empty. */
  public Uni<Optional<String>> claim(String relay, String code, String pubkey, long now) {
    return pool.preparedQuery(
            "UPDATE invite SET used_by = $3, used_at = $4 WHERE relay = $1 AND code = $2"
                + " AND used_by IS NULL AND revoked_at IS NULL AND expires_at > $4 RETURNING role")
        .execute(Tuple.of(relay, code, pubkey, now))
        .map(
            rs ->
                rs.rowCount() == 0
                    ? Optional.empty()
                    : Optional.of(rs.iterator().next().getString("role")));
  }

  public Uni<List<Invite>> list(String relay) {
    return pool.preparedQuery(SELECT + " WHERE relay = $1 ORDER BY created_at DESC LIMIT 500")
        .execute(Tuple.of(relay))
        .map(
            rs -> {
              List<Invite> out = new ArrayList<>();
              rs.forEach(r -> out.add(row(r)));
              return out;
            });
  }

  private static final String SELECT =
      "SELECT code, relay, role, created_by, created_at, expires_at, revoked_at, used_by FROM invite";

  private static Invite row(Row r) {
    return new Invite(
        r.getString("code"),
        r.getString("relay"),
        r.getString("role"),
        r.getString("created_by"),
        r.getLong("created_at"),
        r.getLong("expires_at"),
        Optional.ofNullable(r.getLong("revoked_at")),
        Optional.ofNullable(r.getString("used_by")));
  }
}
