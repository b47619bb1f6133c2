package org.hearth.relay.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.event.Event;
import org.hearth.relay.access.ReadAccess;

/**
 * Writes one batch of events in one transaction: tombstone check, regular inserts (one batched
 * statement), replaceable/addressable decisions (newest wins; equal created_at: lowest id), tags
 * (one batched statement) and NIP-09 deletions.
 */
@ApplicationScoped
public class EventWriter {
  /** Kinds whose content is ciphertext: not indexed for search. */
  private static final Set<Integer> OPAQUE_KINDS = Set.of(4, 13, 44, 1059, 1060, 30078);

  private static final String INSERT =
      "INSERT INTO event (relay, id, pubkey, created_at, kind, replace_key, expires_at, raw,"
          + " content) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (relay, id) DO NOTHING"
          + " RETURNING id";

  private final Pool pool;
  private final Deletions deletions;

  public EventWriter(Pool pool, Deletions deletions) {
    this.pool = pool;
    this.deletions = deletions;
  }

  Uni<List<StoreResult>> write(List<PendingWrite> batch) {
    return pool.withTransaction(conn -> write(conn, batch));
  }

  private Uni<List<StoreResult>> write(SqlConnection conn, List<PendingWrite> batch) {
    StoreResult[] results = new StoreResult[batch.size()];
    return deletions
        .blocked(conn, batch)
        .chain(
            blocked -> {
              List<Integer> regular = new ArrayList<>();
              List<Integer> replaceable = new ArrayList<>();
              for (int i = 0; i < batch.size(); i++) {
                String why = blocked.get(i);
                if (why != null) {
                  results[i] = new StoreResult.Blocked(why);
                } else if (batch.get(i).replaceable()) {
                  replaceable.add(i);
                } else {
                  regular.add(i);
                }
              }
              return insertRegular(conn, batch, regular, results)
                  .chain(() -> insertReplaceable(conn, batch, replaceable, results));
            })
        .chain(() -> insertTags(conn, batch, results))
        .chain(() -> applyDeletions(conn, batch, results))
        .map(v -> Arrays.asList(results));
  }

  private Uni<Void> insertRegular(
      SqlConnection conn, List<PendingWrite> batch, List<Integer> idx, StoreResult[] results) {
    if (idx.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(idx.size());
    for (int i : idx) {
      rows.add(row(batch.get(i), null));
    }
    return conn.preparedQuery(INSERT)
        .executeBatch(rows)
        .invoke(
            rs -> {
              RowSet<Row> r = rs;
              for (int i : idx) {
                results[i] =
                    r.size() > 0
                        ? StoreResult.STORED
                        : new StoreResult.Duplicate("duplicate: already have this event");
                r = r.next();
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> insertReplaceable(
      SqlConnection conn, List<PendingWrite> batch, List<Integer> idx, StoreResult[] results) {
    return Multi.createFrom()
        .iterable(idx)
        .onItem()
        .transformToUniAndConcatenate(
            i -> replaceOne(conn, batch.get(i)).invoke(r -> results[i] = r))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<StoreResult> replaceOne(SqlConnection conn, PendingWrite w) {
    Event e = w.event();
    return conn.preparedQuery(
            "SELECT id, created_at FROM event WHERE relay = $1 AND pubkey = $2 AND kind = $3"
                + " AND replace_key = $4 FOR UPDATE")
        .execute(Tuple.of(w.relay(), e.pubkey(), e.kind(), w.replaceKey()))
        .chain(
            rs -> {
              if (rs.size() == 0) {
                return insertOne(conn, w);
              }
              Row old = rs.iterator().next();
              String oldId = old.getString("id");
              long oldAt = old.getLong("created_at");
              if (oldId.equals(e.id())) {
                return Uni.createFrom()
                    .item(new StoreResult.Duplicate("duplicate: already have this event"));
              }
              if (oldAt > e.createdAt()
                  || (oldAt == e.createdAt() && oldId.compareTo(e.id()) < 0)) {
                return Uni.createFrom()
                    .item(new StoreResult.Duplicate("duplicate: a newer version is stored"));
              }
              return conn.preparedQuery("DELETE FROM event WHERE relay = $1 AND id = $2")
                  .execute(Tuple.of(w.relay(), oldId))
                  .chain(() -> insertOne(conn, w));
            });
  }

  private Uni<StoreResult> insertOne(SqlConnection conn, PendingWrite w) {
    return conn.preparedQuery(INSERT)
        .execute(row(w, w.replaceKey()))
        .map(
            rs ->
                rs.size() > 0
                    ? StoreResult.STORED
                    : new StoreResult.Duplicate("duplicate: already have this event"));
  }

  private Uni<Void> insertTags(SqlConnection conn, List<PendingWrite> batch, StoreResult[] rs) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (!(rs[i] instanceof StoreResult.Stored)) {
        continue;
      }
      Event e = batch.get(i).event();
      Set<String> seen = new HashSet<>();
      for (List<String> tag : e.tags()) {
        if (tag.size() >= 2
            && tag.get(0).length() == 1
            && tag.get(1).indexOf('\u0000') < 0
            && seen.add(tag.get(0) + tag.get(1))) {
          rows.add(Tuple.of(batch.get(i).relay(), e.id(), tag.get(0), tag.get(1), e.createdAt()));
        }
      }
    }
    if (rows.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return conn.preparedQuery(
            "INSERT INTO event_tag (relay, event_id, name, value, created_at)"
                + " VALUES ($1,$2,$3,$4,$5)")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  private Uni<Void> applyDeletions(
      SqlConnection conn, List<PendingWrite> batch, StoreResult[] results) {
    Map<Integer, PendingWrite> stored = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      if (results[i] instanceof StoreResult.Stored && batch.get(i).event().kind() == 5) {
        stored.put(i, batch.get(i));
      }
    }
    if (stored.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(stored.values())
        .onItem()
        .transformToUniAndConcatenate(w -> deletions.apply(conn, w))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private static Tuple row(PendingWrite w, String replaceKey) {
    Event e = w.event();
    Long expires = ReadAccess.expiration(e).orElse(null);
    // PostgreSQL text cannot hold NUL: the search column drops them (raw keeps them escaped).
    String content = OPAQUE_KINDS.contains(e.kind()) ? "" : e.content().replace("\u0000", "");
    return Tuple.tuple(
        Arrays.asList(
            w.relay(),
            e.id(),
            e.pubkey(),
            e.createdAt(),
            e.kind(),
            replaceKey,
            expires,
            e.toJson(),
            content));
  }
}
