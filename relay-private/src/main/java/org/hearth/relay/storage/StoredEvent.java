package org.hearth.relay.storage;

import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import org.hearth.nostr.event.Event;
import org.hearth.relay.access.ReadableEvent;

/**
 * A stored event as its columns and its stored wire JSON ({@code event.raw}, written as {@link
 * Event#toJson()}) in UTF-8: the read check runs on the columns and the bytes are spliced into the
 * frame as they came from PostgreSQL, so a REQ neither parses JSON (except for a kind whose
 * visibility needs its {@code p} tags) nor decodes and re-encodes the text.
 *
 * @param json {@code event.raw} in UTF-8; not to be modified
 * @param expiresAt the {@code expires_at} column, written from {@link
 *     org.hearth.relay.access.ReadAccess#expiration}
 */
public record StoredEvent(
    String id, String pubkey, long createdAt, int kind, Long expiresAt, byte[] json)
    implements ReadableEvent {

  /** The column list {@link EventQueries} selects, in the order {@link #of} reads it. */
  static final String COLUMNS =
      "e.id, e.pubkey, e.created_at, e.kind, e.expires_at, convert_to(e.raw, 'UTF8')";

  static StoredEvent of(Row r) {
    return new StoredEvent(
        r.getString(0),
        r.getString(1),
        r.getLong(2),
        r.getInteger(3),
        r.getLong(4),
        r.getBuffer(5).getBytes());
  }

  /** The stored JSON as text. */
  public String raw() {
    return new String(json, StandardCharsets.UTF_8);
  }

  /** Parses the stored JSON: only rows of a {@code parties} kind read by a non-author get here. */
  @Override
  public boolean tags(String pubkey) {
    return ReadableEvent.tagged(Event.fromJson(raw()).tags(), pubkey);
  }
}
