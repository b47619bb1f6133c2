-- Fine-tune jobs: one row per job, its state, progress, metrics and artifact paths.
CREATE TABLE finetune.jobs (
  id                 UUID PRIMARY KEY,
  relay              TEXT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
  phase              TEXT,
  step               INTEGER NOT NULL DEFAULT 0,
  total_steps        INTEGER NOT NULL,
  progress           DOUBLE PRECISION NOT NULL DEFAULT 0,
  loss               DOUBLE PRECISION,
  tokens_per_second  DOUBLE PRECISION,
  error              TEXT,
  model              TEXT,
  base_model         TEXT NOT NULL,
  learning_rate      DOUBLE PRECISION NOT NULL,
  rank               INTEGER NOT NULL,
  requested_by       TEXT NOT NULL,
  requester          TEXT NOT NULL,
  request_event_id   TEXT UNIQUE,
  cancel_requested   BOOLEAN NOT NULL DEFAULT FALSE,
  worker             TEXT,
  inputs_hash        TEXT,
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL,
  started_at         TIMESTAMPTZ,
  finished_at        TIMESTAMPTZ,
  artifact_dir       TEXT NOT NULL,
  adapter_path       TEXT,
  loss_svg_path      TEXT,
  loss_png_path      TEXT,
  report_path        TEXT,
  manifest_path      TEXT,
  checkpoint_path    TEXT,
  checkpoint_step    INTEGER
);

CREATE INDEX jobs_relay_created ON finetune.jobs (relay, created_at DESC);
CREATE INDEX jobs_state ON finetune.jobs (state);
