package org.hearth.relay.admin;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Banned keys and events, allowed kinds, blocked IPs per relay: in PostgreSQL, cached here for the
 * hot path (replaced as a whole after every change, so a change counts at once).
 */
@ApplicationScoped
public class AdminLists {
  /** relay → list → value → reason ("" for none), in insertion order. */
  private volatile Map<String, Map<AdminList, Map<String, String>>> cache = Map.of();

  private final Pool pool;

  public AdminLists(Pool pool) {
    this.pool = pool;
  }

  void onStart(@Observes StartupEvent e) {
    reload().await().atMost(Duration.ofSeconds(60));
  }

  /** Adds {@code value} (or updates its reason); true when it was not there before. */
  public Uni<Boolean> add(String relay, AdminList list, String value, Optional<String> reason) {
    boolean fresh = !contains(relay, list, value);
    return pool.preparedQuery(
            "INSERT INTO admin_list (relay, list, value, reason, created_at) VALUES ($1,$2,$3,$4,$5)"
                + " ON CONFLICT (relay, list, value) DO UPDATE SET reason = EXCLUDED.reason")
        .execute(
            Tuple.of(relay, list.key(), value, reason.orElse(null), Instant.now().getEpochSecond()))
        .chain(this::reload)
        .replaceWith(fresh);
  }

  /** Removes {@code value}; true when it was there. */
  public Uni<Boolean> remove(String relay, AdminList list, String value) {
    return pool.preparedQuery(
            "DELETE FROM admin_list WHERE relay = $1 AND list = $2 AND value = $3")
        .execute(Tuple.of(relay, list.key(), value))
        .map(rs -> rs.rowCount() > 0)
        .call(this::reload);
  }

  public boolean contains(String relay, AdminList list, String value) {
    return entries(relay, list).containsKey(value);
  }

  /** value → reason ("" when none), oldest first. */
  public Map<String, String> entries(String relay, AdminList list) {
    return cache.getOrDefault(relay, Map.of()).getOrDefault(list, Map.of());
  }

  Uni<Void> reload() {
    return pool.query(
            "SELECT relay, list, value, reason FROM admin_list ORDER BY created_at, value")
        .execute()
        .invoke(
            rs -> {
              Map<String, Map<AdminList, Map<String, String>>> next = new HashMap<>();
              for (Row r : rs) {
                AdminList list = AdminList.valueOf(r.getString("list").toUpperCase(Locale.ROOT));
                String reason = r.getString("reason");
                next.computeIfAbsent(r.getString("relay"), k -> new HashMap<>())
                    .computeIfAbsent(list, k -> new LinkedHashMap<>())
                    .put(r.getString("value"), reason == null ? "" : reason);
              }
              cache = next;
            })
        .replaceWithVoid();
  }
}
