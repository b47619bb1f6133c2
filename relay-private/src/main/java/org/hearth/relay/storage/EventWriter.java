package org.hearth.relay.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.hearth.nostr.event.Event;
import org.hearth.relay.access.ReadAccess;

/**
 * Writes one batch of events. A batch of plain events (regular, no deletion request) is one
 * statement committed on its own: tombstone check, events and their tags. Any other batch is one
 * transaction: tombstone check, regular events (that same statement), replaceable/addressable
 * decisions (newest wins; equal created_at: lowest id), their tags (one statement) and NIP-09
 * deletions.
 */
@Singleton // on the path of every EVENT: no client proxy lookup per call
public class EventWriter {
  /** Kinds whose content is ciphertext: not indexed for search. */
  private static final Set<Integer> OPAQUE_KINDS = Set.of(4, 13, 44, 1059, 1060, 30078);

  /** One replaceable/addressable event. */
  private static final String INSERT =
      "INSERT INTO event (relay, id, pubkey, created_at, kind, replace_key, expires_at, raw,"
          + " content) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (relay, id) DO NOTHING"
          + " RETURNING id";

  /**
   * Regular events as arrays (one element per event, ids distinct) and their tags as arrays (one
   * element per tag). Stores the events no tombstone blocks, and a tag only with its event (so a
   * duplicate's tags are not stored twice); answers (relay, id, stored) for every event stored
   * (true) or blocked (false). Everything else it was given is a duplicate.
   */
  private static final String INSERT_REGULAR =
      "WITH b AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[],"
          + " $5::int4[], $6::int8[], $7::text[], $8::text[])"
          + " AS b(relay, id, pubkey, created_at, kind, expires_at, raw, content)),"
          + " blocked AS (SELECT b.relay, b.id FROM b WHERE EXISTS (SELECT 1 FROM tombstone s"
          + " WHERE s.relay = b.relay AND s.ref = b.id AND s.pubkey = b.pubkey)),"
          + " ins AS (INSERT INTO event (relay, id, pubkey, created_at, kind, expires_at, raw,"
          + " content) SELECT * FROM b WHERE NOT EXISTS (SELECT 1 FROM blocked x"
          + " WHERE x.relay = b.relay AND x.id = b.id)"
          + " ON CONFLICT (relay, id) DO NOTHING RETURNING relay, id),"
          + " tags AS (INSERT INTO event_tag (relay, event_id, name, value, created_at)"
          + " SELECT t.relay, t.event_id, t.name, t.value, t.created_at FROM unnest($9::text[],"
          + " $10::text[], $11::text[], $12::text[], $13::int8[])"
          + " AS t(relay, event_id, name, value, created_at)"
          + " JOIN ins ON ins.relay = t.relay AND ins.id = t.event_id)"
          + " SELECT relay, id, true FROM ins UNION ALL SELECT relay, id, false FROM blocked";

  private static final String INSERT_TAGS =
      "INSERT INTO event_tag (relay, event_id, name, value, created_at)"
          + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[])";

  private static final String REPLACE_OLD = DeleteEvents.where("relay = $1 AND id = $2");

  private final Pool pool;
  private final Deletions deletions;

  public EventWriter(Pool pool, Deletions deletions) {
    this.pool = pool;
    this.deletions = deletions;
  }

  Uni<List<StoreResult>> write(List<PendingWrite> batch) {
    if (batch.stream().allMatch(PendingWrite::plain)) {
      // one statement, committed on its own before it answers: no BEGIN/COMMIT round trips
      StoreResult[] results = new StoreResult[batch.size()];
      List<Integer> all = IntStream.range(0, batch.size()).boxed().toList();
      return insertRegular(pool, batch, all, results).map(v -> Arrays.asList(results));
    }
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
                  .chain(() -> insertReplaceable(conn, batch, replaceable, results))
                  .chain(() -> insertTags(conn, batch, replaceable, results));
            })
        .chain(() -> applyDeletions(conn, batch, results))
        .map(v -> Arrays.asList(results));
  }

  /** Regular events and their tags, tombstones checked, in one statement. */
  private Uni<Void> insertRegular(
      SqlClient conn, List<PendingWrite> batch, List<Integer> idx, StoreResult[] results) {
    if (idx.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = idx.size();
    List<Integer> unique = new ArrayList<>(n);
    Set<String> keys = new HashSet<>();
    String[] relay = new String[n];
    String[] id = new String[n];
    String[] pubkey = new String[n];
    Long[] createdAt = new Long[n];
    Integer[] kind = new Integer[n];
    Long[] expires = new Long[n];
    String[] raw = new String[n];
    String[] content = new String[n];
    TagRows tags = new TagRows();
    for (int i : idx) {
      PendingWrite w = batch.get(i);
      Event e = w.event();
      if (!keys.add(key(w.relay(), e.id()))) {
        // the same event twice in one batch: the first one is stored (or is the duplicate)
        results[i] = new StoreResult.Duplicate("duplicate: already have this event");
        continue;
      }
      int k = unique.size();
      unique.add(i);
      relay[k] = w.relay();
      id[k] = e.id();
      pubkey[k] = e.pubkey();
      createdAt[k] = e.createdAt();
      kind[k] = e.kind();
      expires[k] = ReadAccess.expiration(e).orElse(null);
      raw[k] = e.toJson();
      content[k] = searchable(e);
      tags.add(w);
    }
    int m = unique.size();
    return conn.preparedQuery(INSERT_REGULAR)
        .execute(
            Tuple.tuple(
                Arrays.asList(
                    Arrays.copyOf(relay, m),
                    Arrays.copyOf(id, m),
                    Arrays.copyOf(pubkey, m),
                    Arrays.copyOf(createdAt, m),
                    Arrays.copyOf(kind, m),
                    Arrays.copyOf(expires, m),
                    Arrays.copyOf(raw, m),
                    Arrays.copyOf(content, m),
                    tags.relay.toArray(String[]::new),
                    tags.eventId.toArray(String[]::new),
                    tags.name.toArray(String[]::new),
                    tags.value.toArray(String[]::new),
                    tags.createdAt.toArray(Long[]::new))))
        .invoke(
            rs -> {
              Map<String, Boolean> stored = new HashMap<>();
              for (Row r : rs) {
                stored.put(key(r.getString(0), r.getString(1)), r.getBoolean(2));
              }
              for (int i : unique) {
                PendingWrite w = batch.get(i);
                Boolean s = stored.get(key(w.relay(), w.event().id()));
                results[i] =
                    s == null
                        ? new StoreResult.Duplicate("duplicate: already have this event")
                        : s ? StoreResult.STORED : new StoreResult.Blocked(Deletions.DELETED);
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
              return conn.preparedQuery(REPLACE_OLD)
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

  /** Tags of the replaceable/addressable events just stored (regular ones have theirs). */
  private Uni<Void> insertTags(
      SqlConnection conn, List<PendingWrite> batch, List<Integer> idx, StoreResult[] results) {
    TagRows tags = new TagRows();
    for (int i : idx) {
      if (results[i] instanceof StoreResult.Stored) {
        tags.add(batch.get(i));
      }
    }
    if (tags.relay.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return conn.preparedQuery(INSERT_TAGS)
        .execute(
            Tuple.of(
                tags.relay.toArray(String[]::new),
                tags.eventId.toArray(String[]::new),
                tags.name.toArray(String[]::new),
                tags.value.toArray(String[]::new),
                tags.createdAt.toArray(Long[]::new)))
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
            searchable(e)));
  }

  /** The search column's text: PostgreSQL text cannot hold NUL (raw keeps them escaped). */
  private static String searchable(Event e) {
    return OPAQUE_KINDS.contains(e.kind()) ? "" : e.content().replace("\u0000", "");
  }

  private static String key(String relay, String id) {
    return relay + '\n' + id;
  }

  /** Single-letter tags of stored events, column by column, each (name, value) once per event. */
  private static final class TagRows {
    final List<String> relay = new ArrayList<>();
    final List<String> eventId = new ArrayList<>();
    final List<String> name = new ArrayList<>();
    final List<String> value = new ArrayList<>();
    final List<Long> createdAt = new ArrayList<>();

    void add(PendingWrite w) {
      Event e = w.event();
      Set<String> seen = new HashSet<>();
      for (List<String> tag : e.tags()) {
        if (tag.size() >= 2
            && tag.get(0).length() == 1
            && tag.get(1).indexOf('\u0000') < 0
            && seen.add(tag.get(0) + tag.get(1))) {
          relay.add(w.relay());
          eventId.add(e.id());
          name.add(tag.get(0));
          value.add(tag.get(1));
          createdAt.add(e.createdAt());
        }
      }
    }
  }
}
