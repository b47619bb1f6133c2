package org.hearth.relay.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The audit log of the management API, in PostgreSQL ({@code admin_audit}). */
@ApplicationScoped
public class AuditLog {
  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> record(AuditEntry e) {
    return pool.preparedQuery(
            "INSERT INTO admin_audit (relay, at, actor, ip, method, params, outcome, change)"
                + " VALUES ($1,$2,$3,$4,$5,$6,$7,$8)")
        .execute(
            Tuple.tuple(
                List.of(
                    e.relay(),
                    e.at(),
                    e.actor(),
                    e.ip(),
                    e.method(),
                    e.params(),
                    e.outcome(),
                    e.change())))
        .replaceWithVoid();
  }

  /** Newest first; {@code changesOnly} for the audit log proper, else every access. */
  public Uni<List<AuditEntry>> list(String relay, boolean changesOnly, int limit) {
    return pool.preparedQuery(
            "SELECT id, relay, at, actor, ip, method, params, outcome, change FROM admin_audit"
                + " WHERE relay = $1"
                + (changesOnly ? " AND change" : "")
                + " ORDER BY id DESC LIMIT $2")
        .execute(Tuple.of(relay, limit))
        .map(
            rs -> {
              List<AuditEntry> out = new ArrayList<>();
              for (Row r : rs) {
                out.add(
                    new AuditEntry(
                        r.getLong("id"),
                        r.getString("relay"),
                        r.getLong("at"),
                        r.getString("actor"),
                        r.getString("ip"),
                        r.getString("method"),
                        r.getString("params"),
                        r.getString("outcome"),
                        r.getBoolean("change")));
              }
              return out;
            });
  }
}
