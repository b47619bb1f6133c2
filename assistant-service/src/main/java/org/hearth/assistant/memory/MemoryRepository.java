package org.hearth.assistant.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.hearth.assistant.db.Jdbc;

/**
 * SQL for {@code assistant.memory_note} and {@code assistant.memory_deletion}. Every statement is
 * bound to one relay: no query reads across relays.
 */
final class MemoryRepository {
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
  private static final String NOTE_COLUMNS = "event_id, pubkey, kind, created_at, content";

  private final Jdbc jdbc;
  private final String textSearchConfig;

  MemoryRepository(DataSource ds, String textSearchConfig) {
    this.jdbc = new Jdbc(ds);
    this.textSearchConfig = textSearchConfig;
  }

  /** A note about to be stored. */
  record Row(
      String eventId,
      String pubkey,
      int kind,
      String address,
      long createdAt,
      Long expiresAt,
      String content,
      float[] embedding) {}

  /** A note with its embedding. */
  record Embedded(MemoryNote note, float[] embedding) {}

  boolean exists(String relay, String eventId) {
    return !jdbc.query(
            "memory lookup",
            "SELECT 1 FROM assistant.memory_note WHERE relay = ? AND event_id = ?",
            Jdbc.values(relay, eventId),
            rs -> 1)
        .isEmpty();
  }

  /** True when a deletion by {@code pubkey} covers this event id, or this address at that time. */
  boolean isDeleted(String relay, String eventId, String address, String pubkey, long createdAt) {
    return !jdbc.query(
            "memory lookup",
            "SELECT 1 FROM assistant.memory_deletion WHERE relay = ? AND pubkey = ?"
                + " AND (target = ? OR (target = ? AND deleted_at >= ?))",
            Jdbc.values(relay, pubkey, eventId, address == null ? "" : address, createdAt),
            rs -> 1)
        .isEmpty();
  }

  /**
   * Inserts a note; for an address (replaceable or addressable event), replaces an older version
   * and keeps a newer one. Returns true when the note is now stored.
   */
  boolean upsert(String relay, Row r) {
    String sql =
        "INSERT INTO assistant.memory_note (relay, event_id, pubkey, kind, address, created_at,"
            + " expires_at, content, tsv, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            + " to_tsvector(?::regconfig, ?), ?)"
            + (r.address() == null
                ? " ON CONFLICT (relay, event_id) DO NOTHING"
                : " ON CONFLICT (relay, address) WHERE address IS NOT NULL DO UPDATE SET"
                    + " event_id = EXCLUDED.event_id, created_at = EXCLUDED.created_at,"
                    + " expires_at = EXCLUDED.expires_at, content = EXCLUDED.content,"
                    + " tsv = EXCLUDED.tsv, embedding = EXCLUDED.embedding"
                    + " WHERE assistant.memory_note.created_at < EXCLUDED.created_at"
                    + " OR (assistant.memory_note.created_at = EXCLUDED.created_at"
                    + " AND assistant.memory_note.event_id > EXCLUDED.event_id)");
    return jdbc.update(
            "storing a note",
            sql,
            (ps, c) -> {
              Jdbc.values(
                      relay,
                      r.eventId(),
                      r.pubkey(),
                      r.kind(),
                      r.address(),
                      r.createdAt(),
                      r.expiresAt(),
                      r.content(),
                      textSearchConfig,
                      r.content())
                  .bind(ps, c);
              ps.setBytes(11, r.embedding() == null ? null : pack(r.embedding()));
            })
        > 0;
  }

  /** Records a deletion and removes what it covers. Returns the number of notes removed. */
  int delete(String relay, String target, String pubkey, long deletedAt, boolean isAddress) {
    jdbc.update(
        "recording a deletion",
        "INSERT INTO assistant.memory_deletion (relay, target, pubkey, deleted_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (relay, target, pubkey) DO UPDATE"
            + " SET deleted_at = GREATEST(assistant.memory_deletion.deleted_at,"
            + " EXCLUDED.deleted_at)",
        Jdbc.values(relay, target, pubkey, deletedAt));
    return isAddress
        ? jdbc.update(
            "deleting a note",
            "DELETE FROM assistant.memory_note WHERE relay = ? AND address = ? AND pubkey = ?"
                + " AND created_at <= ?",
            Jdbc.values(relay, target, pubkey, deletedAt))
        : jdbc.update(
            "deleting a note",
            "DELETE FROM assistant.memory_note WHERE relay = ? AND event_id = ? AND pubkey = ?",
            Jdbc.values(relay, target, pubkey));
  }

  /** Removes notes whose NIP-40 expiration has passed. */
  int purgeExpired(String relay, long now) {
    return jdbc.update(
        "purging expired notes",
        "DELETE FROM assistant.memory_note WHERE relay = ? AND expires_at IS NOT NULL"
            + " AND expires_at <= ?",
        Jdbc.values(relay, now));
  }

  /** Full-text matches (any of the terms) ranked by relevance times a recency factor. */
  List<MemoryNote> searchText(
      String relay, String orQuery, long now, double halfLifeSeconds, int limit) {
    return jdbc.query(
        "memory search",
        "SELECT "
            + NOTE_COLUMNS
            + ", ts_rank_cd(tsv, q) * (0.5 + 0.5 * power(0.5, GREATEST(? - created_at, 0) / ?))"
            + " AS score FROM assistant.memory_note, to_tsquery(?::regconfig, ?) q"
            + " WHERE relay = ? AND tsv @@ q AND "
            + LIVE
            + " ORDER BY score DESC, created_at DESC LIMIT ?",
        Jdbc.values(now, halfLifeSeconds, textSearchConfig, orQuery, relay, now, limit),
        rs -> note(rs, rs.getDouble(6)));
  }

  /** The newest live notes that have an embedding, with it. */
  List<Embedded> recentWithEmbeddings(String relay, long now, int limit) {
    return jdbc.query(
        "memory search",
        "SELECT "
            + NOTE_COLUMNS
            + ", embedding FROM assistant.memory_note WHERE relay = ? AND embedding IS NOT NULL"
            + " AND "
            + LIVE
            + " ORDER BY created_at DESC LIMIT ?",
        Jdbc.values(relay, now, limit),
        rs -> new Embedded(note(rs, 0), unpack(rs.getBytes(6))));
  }

  /** The newest live notes. */
  List<MemoryNote> recent(String relay, long now, int limit) {
    return jdbc.query(
        "memory read",
        "SELECT "
            + NOTE_COLUMNS
            + " FROM assistant.memory_note WHERE relay = ? AND "
            + LIVE
            + " ORDER BY created_at DESC LIMIT ?",
        Jdbc.values(relay, now, limit),
        rs -> note(rs, 0));
  }

  /** Live notes stored without an embedding (Ollama was unreachable then), oldest first. */
  List<MemoryNote> withoutEmbedding(String relay, long now, int limit) {
    return jdbc.query(
        "memory read",
        "SELECT "
            + NOTE_COLUMNS
            + " FROM assistant.memory_note WHERE relay = ? AND embedding IS NULL AND "
            + LIVE
            + " ORDER BY created_at LIMIT ?",
        Jdbc.values(relay, now, limit),
        rs -> note(rs, 0));
  }

  void setEmbedding(String relay, String eventId, float[] embedding) {
    jdbc.update(
        "storing an embedding",
        "UPDATE assistant.memory_note SET embedding = ? WHERE relay = ? AND event_id = ?",
        (ps, c) -> {
          ps.setBytes(1, pack(embedding));
          ps.setString(2, relay);
          ps.setString(3, eventId);
        });
  }

  /**
   * The newest {@code created_at} of anything remembered from the relay (notes and deletion
   * requests), empty when nothing is.
   */
  java.util.OptionalLong newest(String relay) {
    Long v =
        jdbc.query(
                "memory read",
                "SELECT GREATEST((SELECT max(created_at) FROM assistant.memory_note WHERE relay = ?),"
                    + " (SELECT max(deleted_at) FROM assistant.memory_deletion WHERE relay = ?))",
                Jdbc.values(relay, relay),
                rs -> {
                  long l = rs.getLong(1);
                  return rs.wasNull() ? null : l;
                })
            .getFirst();
    return v == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
  }

  long count(String relay) {
    return jdbc.query(
            "memory count",
            "SELECT count(*) FROM assistant.memory_note WHERE relay = ?",
            Jdbc.values(relay),
            rs -> rs.getLong(1))
        .getFirst();
  }

  private static MemoryNote note(ResultSet rs, double score) throws SQLException {
    return new MemoryNote(
        rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), score);
  }

  /** Packs a vector as little-endian float32 (4 bytes per dimension). */
  static byte[] pack(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] unpack(byte[] bytes) {
    float[] out = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
