package org.hearth.relay.admin;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NIP-11 fields changed through NIP-86 (name, description, icon), persisted in {@code
 * relay_override} and applied to the relay information document.
 */
@ApplicationScoped
public class RelayOverrides {
  /** NIP-11 fields NIP-86 may change. */
  public enum Field {
    NAME,
    DESCRIPTION,
    ICON;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Pool pool;
  private final RelayIdentity identity;
  private volatile Map<String, Map<String, String>> cache = Map.of();

  public RelayOverrides(Pool pool, RelayIdentity identity) {
    this.pool = pool;
    this.identity = identity;
  }

  void onStart(@Observes StartupEvent e) {
    reload().await().atMost(Duration.ofSeconds(60));
  }

  public Uni<Void> set(String relay, Field field, String value) {
    return pool.preparedQuery(
            "INSERT INTO relay_override (relay, field, value) VALUES ($1,$2,$3)"
                + " ON CONFLICT (relay, field) DO UPDATE SET value = EXCLUDED.value")
        .execute(Tuple.of(relay, field.key(), value))
        .chain(this::reload);
  }

  public Optional<String> get(String relay, Field field) {
    return Optional.ofNullable(cache.getOrDefault(relay, Map.of()).get(field.key()));
  }

  /** Applies the overrides, the relay's {@code self} key and NIPs 43 and 86 to a NIP-11 doc. */
  public void amend(String relay, Map<String, Object> doc) {
    get(relay, Field.NAME).ifPresent(v -> doc.put("name", v));
    get(relay, Field.DESCRIPTION).ifPresent(v -> doc.put("description", v));
    get(relay, Field.ICON).ifPresent(v -> doc.put("icon", v));
    doc.put("self", identity.publicKey().hex());
    if (doc.get("supported_nips") instanceof List<?> nips) {
      List<Object> more = new ArrayList<>(nips);
      for (int n : new int[] {43, 86, 98}) {
        if (!more.contains(n)) {
          more.add(n);
        }
      }
      more.sort((a, b) -> Integer.compare((Integer) a, (Integer) b));
      doc.put("supported_nips", more);
    }
  }

  private Uni<Void> reload() {
    return pool.query("SELECT relay, field, value FROM relay_override")
        .execute()
        .invoke(
            rs -> {
              Map<String, Map<String, String>> next = new HashMap<>();
              for (Row r : rs) {
                next.computeIfAbsent(r.getString("relay"), k -> new HashMap<>())
                    .put(r.getString("field"), r.getString("value"));
              }
              cache = next;
            })
        .replaceWithVoid();
  }
}
