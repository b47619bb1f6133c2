-- Events of every relay. One row per (relay, id): the same event may live in several relays.
CREATE TABLE event (
    relay       text    NOT NULL,
    id          text    NOT NULL,
    pubkey      text    NOT NULL,
    created_at  bigint  NOT NULL,
    kind        integer NOT NULL,
    -- '' or the d tag for replaceable/addressable events, NULL for regular ones.
    replace_key text,
    -- NIP-40 expiration (unix seconds) or NULL.
    expires_at  bigint,
    raw         text    NOT NULL,
    content     text    NOT NULL,
    search      tsvector GENERATED ALWAYS AS (to_tsvector('simple', content)) STORED,
    PRIMARY KEY (relay, id)
);

-- Filter shapes clients really send (see docs/benchmarks.md and ENVIRONMENT.md measurements).
CREATE INDEX event_author_time ON event (relay, pubkey, created_at DESC);
CREATE INDEX event_author_kind_time ON event (relay, pubkey, kind, created_at DESC);
CREATE INDEX event_kind_time ON event (relay, kind, created_at DESC);
CREATE INDEX event_time ON event (relay, created_at DESC);
CREATE INDEX event_expires ON event (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX event_search ON event USING gin (search);
-- One stored version per replaceable (pubkey, kind) and addressable (pubkey, kind, d tag).
CREATE UNIQUE INDEX event_replaceable ON event (relay, pubkey, kind, replace_key)
    WHERE replace_key IS NOT NULL;

-- Single-letter tags, for #x filters.
CREATE TABLE event_tag (
    relay      text    NOT NULL,
    event_id   text    NOT NULL,
    name       text    NOT NULL,
    value      text    NOT NULL,
    created_at bigint  NOT NULL,
    FOREIGN KEY (relay, event_id) REFERENCES event (relay, id) ON DELETE CASCADE
);
CREATE INDEX event_tag_lookup ON event_tag (relay, name, value, created_at DESC);
CREATE INDEX event_tag_event ON event_tag (relay, event_id);

-- NIP-09: what a deletion request removed, so it is never stored or served again.
-- ref is an event id or an address "kind:pubkey:d"; created_at is the deletion's time.
CREATE TABLE tombstone (
    relay      text   NOT NULL,
    ref        text   NOT NULL,
    pubkey     text   NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (relay, ref, pubkey)
);

-- Who may do what on which relay. Expiring and revocable; source 'config' rows are re-seeded at
-- every start, other sources (the admin API) persist.
CREATE TABLE grant_role (
    id          bigserial PRIMARY KEY,
    relay       text   NOT NULL,
    pubkey      text   NOT NULL,
    role        text   NOT NULL,
    read_kinds  integer[],
    write_kinds integer[],
    expires_at  bigint,
    revoked_at  bigint,
    granted_by  text,
    source      text   NOT NULL,
    created_at  bigint NOT NULL
);
CREATE INDEX grant_role_lookup ON grant_role (relay, pubkey);
