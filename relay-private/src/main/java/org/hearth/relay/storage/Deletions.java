package org.hearth.relay.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.event.Event;

/**
 * NIP-09. A deletion request (kind 5) by author A removes A's events named by {@code e} tags and
 * A's replaceable/addressable events named by {@code a} tags (up to the request's created_at), and
 * leaves a tombstone so they are never stored or served again. Requests naming other authors'
 * events do nothing; deletion requests themselves cannot be deleted.
 */
@ApplicationScoped
public class Deletions {
  static final String DELETED = "blocked: this event was deleted by its author";

  /** For each pending write, null or why a tombstone blocks it. */
  Uni<List<String>> blocked(SqlConnection conn, List<PendingWrite> batch) {
    Set<String> relays = new HashSet<>();
    Set<String> refs = new HashSet<>();
    for (PendingWrite w : batch) {
      relays.add(w.relay());
      refs.add(w.event().id());
      if (w.replaceable()) {
        refs.add(w.address());
      }
    }
    return conn.preparedQuery(
            "SELECT relay, ref, pubkey, created_at FROM tombstone"
                + " WHERE relay = ANY($1) AND ref = ANY($2)")
        .execute(Tuple.of(relays.toArray(String[]::new), refs.toArray(String[]::new)))
        .map(
            rs -> {
              Map<String, Long> stones = new HashMap<>();
              for (Row r : rs) {
                stones.merge(
                    key(r.getString("relay"), r.getString("ref"), r.getString("pubkey")),
                    r.getLong("created_at"),
                    Math::max);
              }
              List<String> out = new ArrayList<>(batch.size());
              for (PendingWrite w : batch) {
                out.add(why(stones, w));
              }
              return out;
            });
  }

  private static String why(Map<String, Long> stones, PendingWrite w) {
    Event e = w.event();
    if (stones.containsKey(key(w.relay(), e.id(), e.pubkey()))) {
      return DELETED;
    }
    if (w.replaceable()) {
      Long at = stones.get(key(w.relay(), w.address(), e.pubkey()));
      if (at != null && e.createdAt() <= at) {
        return "blocked: this address was deleted by its author";
      }
    }
    return null;
  }

  private static String key(String relay, String ref, String pubkey) {
    return relay + '\n' + ref + '\n' + pubkey;
  }

  /** Applies one stored deletion request. */
  Uni<Void> apply(SqlConnection conn, PendingWrite w) {
    Event d = w.event();
    List<Uni<?>> steps = new ArrayList<>();
    for (String id : d.tagValues("e")) {
      steps.add(
          tombstone(conn, w.relay(), id, d)
              .chain(
                  () ->
                      conn.preparedQuery(
                              DeleteEvents.where(
                                  "relay = $1 AND id = $2 AND pubkey = $3 AND kind <> 5"))
                          .execute(Tuple.of(w.relay(), id, d.pubkey()))));
    }
    for (String a : d.tagValues("a")) {
      String[] parts = a.split(":", 3);
      if (parts.length != 3 || !parts[1].equals(d.pubkey())) {
        continue;
      }
      int kind;
      try {
        kind = Integer.parseInt(parts[0]);
      } catch (NumberFormatException e) {
        continue;
      }
      String address = kind + ":" + parts[1] + ":" + parts[2];
      steps.add(
          tombstone(conn, w.relay(), address, d)
              .chain(
                  () ->
                      conn.preparedQuery(
                              DeleteEvents.where(
                                  "relay = $1 AND pubkey = $2 AND kind = $3 AND replace_key = $4"
                                      + " AND created_at <= $5"))
                          .execute(
                              Tuple.of(w.relay(), d.pubkey(), kind, parts[2], d.createdAt()))));
    }
    return Multi.createFrom()
        .iterable(steps)
        .onItem()
        .transformToUniAndConcatenate(u -> u)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private static Uni<?> tombstone(SqlConnection conn, String relay, String ref, Event d) {
    return conn.preparedQuery(
            "INSERT INTO tombstone (relay, ref, pubkey, created_at) VALUES ($1,$2,$3,$4)"
                + " ON CONFLICT (relay, ref, pubkey)"
                + " DO UPDATE SET created_at = GREATEST(tombstone.created_at, EXCLUDED.created_at)")
        .execute(Tuple.of(relay, ref, d.pubkey(), d.createdAt()));
  }
}
