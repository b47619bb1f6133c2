package org.hearth.relay.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.nostr.filter.Filter;

/**
 * Reads stored events. Results are NOT access-checked here: callers pass them through {@link
 * org.hearth.relay.access.ReadAccess} (the privacy clause only narrows what the database returns).
 */
@ApplicationScoped
public class EventQueries {
  /** Newest first; equal created_at: lowest id first (NIP-01), from the columns. */
  static final Comparator<StoredEvent> NEWEST_FIRST =
      Comparator.comparingLong(StoredEvent::createdAt).reversed().thenComparing(StoredEvent::id);

  private final Pool pool;
  private final StoragePools pools;

  /**
   * @param pool the default pool (writes; its creation also creates the read pool)
   * @param pools the read pool, whose statements time out ({@code limits.query-timeout})
   */
  public EventQueries(Pool pool, StoragePools pools) {
    this.pool = pool;
    this.pools = pools;
  }

  /**
   * Events matching any filter, each filter capped at its limit (or {@code defaultLimit}, at most
   * {@code maxLimit}), merged without duplicates, newest first; each as its columns and stored JSON
   * (none is parsed here).
   */
  public Uni<List<StoredEvent>> query(
      String relay,
      List<Filter> filters,
      PrivacyClause privacy,
      int defaultLimit,
      int maxLimit,
      long now) {
    List<FilterSql> queries = new ArrayList<>();
    for (Filter f : filters) {
      int limit = Math.min(f.limit().orElse(defaultLimit), maxLimit);
      if (limit <= 0) {
        continue;
      }
      FilterSql q = FilterSql.select(relay, f, privacy, limit, now, StoredEvent.COLUMNS);
      if (q != null) {
        queries.add(q);
      }
    }
    if (queries.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Multi.createFrom()
        .iterable(queries)
        .onItem()
        .transformToUniAndConcatenate(this::run)
        .collect()
        .asList()
        .map(EventQueries::merge);
  }

  private Uni<List<StoredEvent>> run(FilterSql q) {
    return pools
        .reads()
        .preparedQuery(q.sql())
        .execute(Tuple.from(q.args()))
        .map(
            rs -> {
              List<StoredEvent> out = new ArrayList<>(rs.size());
              for (Row r : rs) {
                out.add(StoredEvent.of(r));
              }
              return out;
            });
  }

  private static List<StoredEvent> merge(List<List<StoredEvent>> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Map<String, StoredEvent> byId = new LinkedHashMap<>();
    for (List<StoredEvent> part : parts) {
      for (StoredEvent e : part) {
        byId.putIfAbsent(e.id(), e);
      }
    }
    List<StoredEvent> out = new ArrayList<>(byId.values());
    out.sort(NEWEST_FIRST);
    return out;
  }

  /** Deletes events whose NIP-40 expiration has passed; returns how many. */
  public Uni<Integer> purgeExpired(long now) {
    return pool.preparedQuery(DeleteEvents.where("expires_at IS NOT NULL AND expires_at <= $1"))
        .execute(Tuple.of(now))
        .map(rs -> rs.iterator().next().getLong(0).intValue());
  }
}
