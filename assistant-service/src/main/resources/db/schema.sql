-- The assistant service's own schema. Every row carries its relay (scope); every query filters on it.
CREATE SCHEMA IF NOT EXISTS assistant;

-- Notes followed from a relay.
CREATE TABLE IF NOT EXISTS assistant.memory_note (
  relay        text    NOT NULL,
  event_id     text    NOT NULL,
  pubkey       text    NOT NULL,
  kind         integer NOT NULL,
  address      text,
  created_at   bigint  NOT NULL,
  expires_at   bigint,
  content      text    NOT NULL,
  tsv          tsvector NOT NULL,
  embedding    bytea,  -- float32 little-endian, packed
  PRIMARY KEY (relay, event_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS memory_note_address ON assistant.memory_note (relay, address)
  WHERE address IS NOT NULL;
CREATE INDEX IF NOT EXISTS memory_note_recent ON assistant.memory_note (relay, created_at DESC);
CREATE INDEX IF NOT EXISTS memory_note_tsv ON assistant.memory_note USING gin (tsv);
CREATE INDEX IF NOT EXISTS memory_note_expiry ON assistant.memory_note (expires_at)
  WHERE expires_at IS NOT NULL;

-- Deletion requests (kind 5) seen, so that a deleted note arriving later is not remembered.
CREATE TABLE IF NOT EXISTS assistant.memory_deletion (
  relay       text   NOT NULL,
  target      text   NOT NULL,
  pubkey      text   NOT NULL,
  deleted_at  bigint NOT NULL,
  PRIMARY KEY (relay, target, pubkey)
);

-- Conversation history, per relay and member.
CREATE TABLE IF NOT EXISTS assistant.conversation_turn (
  id          bigserial PRIMARY KEY,
  relay       text   NOT NULL,
  member      text   NOT NULL,
  role        text   NOT NULL,
  content     text   NOT NULL,
  sources     text[] NOT NULL DEFAULT '{}',
  created_at  bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_turn_member
  ON assistant.conversation_turn (relay, member, id DESC);

-- Incoming DMs (rumor id for NIP-17, event id for NIP-04): claimed while being answered, done once
-- the reply is published. A claim left by a process that died is taken over after a while, so a
-- restart neither answers twice nor loses a message.
CREATE TABLE IF NOT EXISTS assistant.processed_message (
  relay        text    NOT NULL,
  message_id   text    NOT NULL,
  done         boolean NOT NULL DEFAULT false,
  claimed_at   bigint  NOT NULL,
  PRIMARY KEY (relay, message_id)
);

-- Refusals sent to non-members (rate limit: one per interval).
CREATE TABLE IF NOT EXISTS assistant.refusal (
  relay       text   NOT NULL,
  pubkey      text   NOT NULL,
  refused_at  bigint NOT NULL,
  PRIMARY KEY (relay, pubkey)
);

-- Members' consent to let their conversations teach the household model (/consent on|off).
CREATE TABLE IF NOT EXISTS assistant.consent (
  relay       text    NOT NULL,
  member      text    NOT NULL,
  enabled     boolean NOT NULL,
  updated_at  bigint  NOT NULL,
  PRIMARY KEY (relay, member)
);

-- Fine-tune job requests (kind 5970) the assistant published for an admin's /retrain.
CREATE TABLE IF NOT EXISTS assistant.retrain_request (
  relay       text   NOT NULL,
  request_id  text   NOT NULL,
  admin       text   NOT NULL,
  protocol    text   NOT NULL,
  message_id  text   NOT NULL,
  state       text   NOT NULL,
  created_at  bigint NOT NULL,
  PRIMARY KEY (relay, request_id)
);

-- The model a finished fine-tune job gave a scope (overrides hearth-<relay> and the base model).
CREATE TABLE IF NOT EXISTS assistant.scope_model (
  relay       text   PRIMARY KEY,
  model       text   NOT NULL,
  request_id  text   NOT NULL,
  updated_at  bigint NOT NULL
);
