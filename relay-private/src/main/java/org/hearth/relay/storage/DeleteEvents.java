package org.hearth.relay.storage;

/**
 * Statements that delete events together with their tags. event_tag has no foreign key to event
 * (its per-row check cost more than the rest of a tag insert), so every path that deletes events
 * must use one of these; each answers one row: how many events it deleted.
 */
public final class DeleteEvents {
  private DeleteEvents() {}

  /** Deletes the events matching {@code condition} (over event's columns) and their tags. */
  public static String where(String condition) {
    return "WITH gone AS (DELETE FROM event WHERE "
        + condition
        + " RETURNING relay, id), tags AS (DELETE FROM event_tag t USING gone"
        + " WHERE t.relay = gone.relay AND t.event_id = gone.id) SELECT count(*) FROM gone";
  }
}
