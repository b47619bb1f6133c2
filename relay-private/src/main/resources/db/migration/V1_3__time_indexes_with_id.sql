-- REQ answers are ordered created_at DESC, id ASC (NIP-01: equal created_at, lowest id first).
-- On (relay, pubkey, created_at DESC) and (relay, kind, created_at DESC) PostgreSQL read the index
-- in created_at order and sorted each run of equal created_at by id (an incremental sort) before
-- the limit; with id as the last key column the index scan feeds LIMIT directly. A limit-500
-- author query on 1,000,000 events with its pages cached: 0.72-1.0 ms -> 0.49-0.53 ms of
-- PostgreSQL execution (docs/benchmarks.md, session 4). Same names, one more key column each;
-- a store of 1,000,000 events rebuilds both in ~15 s (writes wait meanwhile).
DROP INDEX event_author_time;
CREATE INDEX event_author_time ON event (relay, pubkey, created_at DESC, id);
DROP INDEX event_kind_time;
CREATE INDEX event_kind_time ON event (relay, kind, created_at DESC, id);
