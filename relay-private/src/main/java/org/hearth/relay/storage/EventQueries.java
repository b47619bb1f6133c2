package org.hearth.relay.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
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
   * Receives a query's rows, in a new mutable list the receiver owns, or why the query failed (then
   * {@code events} is null).
   */
  @FunctionalInterface
  public interface Answer {
    void accept(List<StoredEvent> events, Throwable failure);
  }

  /**
   * Events matching any filter, each filter capped at its limit (or {@code defaultLimit}, at most
   * {@code maxLimit}), merged without duplicates, newest first; each as its columns and stored JSON
   * (none is parsed here). Filters run one after another. Called on an event loop, every statement
   * runs on that loop's own read connections while one is free ({@link StoragePools#readsHere}), so
   * {@code answer} runs on the calling thread, after this method returns, with no hand-over to
   * another thread; otherwise it runs on whatever thread the shared read pool completes on. When no
   * filter can match anything, {@code answer} runs at once, before this method returns.
   */
  public void query(
      String relay,
      List<Filter> filters,
      PrivacyClause privacy,
      int defaultLimit,
      int maxLimit,
      long now,
      Answer answer) {
    FilterSql only = null;
    List<FilterSql> several = null;
    for (Filter f : filters) {
      int limit = Math.min(f.limit().orElse(defaultLimit), maxLimit);
      FilterSql q =
          limit <= 0 ? null : FilterSql.select(relay, f, privacy, limit, now, StoredEvent.COLUMNS);
      if (q == null) {
        continue;
      }
      if (only == null) {
        only = q;
      } else {
        if (several == null) {
          several = new ArrayList<>();
          several.add(only);
        }
        several.add(q);
      }
    }
    if (only == null) {
      answer.accept(new ArrayList<>(0), null);
    } else if (several == null) {
      run(only, answer);
    } else {
      new Merge(several, answer).next();
    }
  }

  /** Runs a multi-filter query's statements in turn, then merges their rows. */
  private final class Merge implements Answer {
    private final List<FilterSql> queries;
    private final Answer answer;
    private final List<List<StoredEvent>> parts;

    Merge(List<FilterSql> queries, Answer answer) {
      this.queries = queries;
      this.answer = answer;
      this.parts = new ArrayList<>(queries.size());
    }

    void next() {
      run(queries.get(parts.size()), this);
    }

    @Override
    public void accept(List<StoredEvent> events, Throwable failure) {
      if (failure != null) {
        answer.accept(null, failure);
        return;
      }
      parts.add(events);
      if (parts.size() < queries.size()) {
        next();
      } else {
        answer.accept(merge(parts), null);
      }
    }
  }

  private void run(FilterSql q, Answer answer) {
    StoragePools.LoopReads here = pools.readsHere();
    io.vertx.sqlclient.Pool local = here == null ? null : here.acquire();
    io.vertx.sqlclient.Pool p = local != null ? local : pools.reads().getDelegate();
    p.preparedQuery(q.sql())
        .execute(io.vertx.sqlclient.Tuple.from(q.args()))
        .onComplete(
            ar -> {
              if (local != null) {
                here.release();
              }
              if (ar.failed()) {
                answer.accept(null, ar.cause());
                return;
              }
              RowSet<Row> rs = ar.result();
              List<StoredEvent> out = new ArrayList<>(rs.size());
              for (Row r : rs) {
                out.add(StoredEvent.of(r));
              }
              answer.accept(out, null);
            });
  }

  private static List<StoredEvent> merge(List<List<StoredEvent>> parts) {
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
