-- Ingest cost: the foreign key from event_tag to event ran one referential-integrity query per
-- inserted tag row (~30 µs of PostgreSQL CPU per event on the 2-core bench machine). Tags are
-- only ever inserted in the same statement as their event, and every statement that deletes
-- events deletes their tags too (EventWriter, Deletions, EventQueries.purgeExpired,
-- ModerationAdmin), so the cascade is replaced by those explicit deletes.
ALTER TABLE event_tag DROP CONSTRAINT event_tag_relay_event_id_fkey;
