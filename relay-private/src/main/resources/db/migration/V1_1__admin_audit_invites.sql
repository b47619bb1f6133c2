-- Relay administration (NIP-86, NIP-43): lists, custom roles, overrides, invites, audit.

-- Per-relay lists changed through NIP-86. list: banned_pubkey, banned_event, allowed_event,
-- allowed_kind, blocked_ip.
CREATE TABLE admin_list (
    relay      text   NOT NULL,
    list       text   NOT NULL,
    value      text   NOT NULL,
    reason     text,
    created_at bigint NOT NULL,
    PRIMARY KEY (relay, list, value)
);

-- NIP-43 role labels (kind 33534) beyond the built-in owner/admin/member/reader/service.
CREATE TABLE admin_role (
    relay       text NOT NULL,
    id          text NOT NULL,
    label       text,
    description text,
    color       text,
    ord         integer,
    PRIMARY KEY (relay, id)
);
CREATE TABLE admin_role_member (
    relay   text NOT NULL,
    role_id text NOT NULL,
    pubkey  text NOT NULL,
    PRIMARY KEY (relay, role_id, pubkey),
    FOREIGN KEY (relay, role_id) REFERENCES admin_role (relay, id) ON DELETE CASCADE
);

-- NIP-11 fields changed at runtime (name, description, icon).
CREATE TABLE relay_override (
    relay text NOT NULL,
    field text NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (relay, field)
);

-- Invite codes for NIP-43 join requests (kind 28934).
CREATE TABLE invite (
    code       text   PRIMARY KEY,
    relay      text   NOT NULL,
    role       text   NOT NULL,
    created_by text   NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    revoked_at bigint,
    used_by    text,
    used_at    bigint
);
CREATE INDEX invite_relay ON invite (relay, created_at DESC);

-- Every call of the management API: who (verified NIP-98 key), from where, what, outcome.
-- change = true for calls that changed something (the audit log proper).
CREATE TABLE admin_audit (
    id      bigserial PRIMARY KEY,
    relay   text    NOT NULL,
    at      bigint  NOT NULL,
    actor   text    NOT NULL,
    ip      text    NOT NULL,
    method  text    NOT NULL,
    params  text    NOT NULL,
    outcome text    NOT NULL,
    change  boolean NOT NULL
);
CREATE INDEX admin_audit_relay ON admin_audit (relay, id DESC);
