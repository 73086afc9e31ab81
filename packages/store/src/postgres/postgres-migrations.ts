import type { Migration } from '../migrations/migration.js';

/**
 * The Postgres schema, as an ordered list of migrations. Every number of the
 * contract is a JS number, so it is stored as `double precision` and reads back exactly (bigint would come back as
 * a string and reject fractions). Names and keys use the "C" collation: byte order, the same order as SQLite's, and
 * faster comparisons. Append new migrations at the end; never edit a released one.
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'state store v1',
    sql: `
CREATE TABLE cursors (
  source text COLLATE "C" PRIMARY KEY,
  cursor text,
  watermark double precision,
  updated_at double precision NOT NULL
);

-- Keyed so that one SLO definition's range is one index range scan, already ordered by start.
CREATE TABLE buckets (
  slo text COLLATE "C" NOT NULL,
  definition text COLLATE "C" NOT NULL,
  start double precision NOT NULL,
  segment text COLLATE "C" NOT NULL,
  count double precision NOT NULL,
  good double precision NOT NULL,
  sum double precision NOT NULL,
  sum_squares double precision NOT NULL,
  min double precision,
  max double precision,
  sketch text,
  PRIMARY KEY (slo, definition, start, segment)
);
CREATE INDEX buckets_by_start ON buckets (start);

CREATE TABLE seen (
  source text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  time double precision NOT NULL,
  PRIMARY KEY (source, id)
);
CREATE INDEX seen_by_time ON seen (time);

CREATE TABLE evaluations (
  slo text COLLATE "C" NOT NULL,
  at double precision NOT NULL,
  segment text COLLATE "C" NOT NULL,
  status text NOT NULL,
  value double precision,
  samples double precision NOT NULL,
  budget_remaining double precision,
  level text NOT NULL,
  details text NOT NULL,
  PRIMARY KEY (slo, at, segment)
);
CREATE INDEX evaluations_by_at ON evaluations (at, slo, segment);

CREATE TABLE alert_states (
  slo text COLLATE "C" NOT NULL,
  segment text COLLATE "C" NOT NULL,
  state text NOT NULL,
  updated_at double precision NOT NULL,
  PRIMARY KEY (slo, segment)
);

-- seq keeps insertion order for events at the same time.
CREATE TABLE alert_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  slo text COLLATE "C" NOT NULL,
  segment text COLLATE "C" NOT NULL,
  at double precision NOT NULL,
  kind text NOT NULL,
  level text NOT NULL,
  silenced boolean NOT NULL,
  payload text NOT NULL
);
CREATE INDEX alert_events_by_at ON alert_events (at);
CREATE INDEX alert_events_by_slo_at ON alert_events (slo, at);

CREATE TABLE outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  channel text NOT NULL,
  payload text NOT NULL,
  created_at double precision NOT NULL,
  status text NOT NULL,
  attempts double precision NOT NULL,
  next_attempt_at double precision NOT NULL,
  last_error text
);
CREATE INDEX outbox_by_status_next_attempt ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_created ON outbox (created_at);

CREATE TABLE publish_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  check_id text NOT NULL,
  source text NOT NULL,
  target text NOT NULL,
  published double precision NOT NULL,
  at double precision NOT NULL
);
CREATE INDEX publish_log_by_at ON publish_log (at);

CREATE TABLE silences (
  id text COLLATE "C" PRIMARY KEY,
  slo text COLLATE "C" NOT NULL,
  segment text COLLATE "C",
  starts_at double precision NOT NULL,
  ends_at double precision NOT NULL,
  reason text NOT NULL,
  created_at double precision NOT NULL,
  expired_at double precision
);

CREATE TABLE leases (
  name text COLLATE "C" PRIMARY KEY,
  owner text COLLATE "C" NOT NULL,
  expires_at double precision NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'time slices in buckets',
    sql: `
ALTER TABLE buckets
  ADD COLUMN slices double precision NOT NULL DEFAULT 0,
  ADD COLUMN good_slices double precision NOT NULL DEFAULT 0;
`,
  },
];

/** The table that records the migrations applied. */
export const postgresMigrationsTable =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at double precision NOT NULL)';

/** Serializes concurrent migrators, one lock per schema: migrations of two schemas do not wait for each other. */
export const postgresMigrationsLock =
  "SELECT pg_advisory_xact_lock(hashtext('slokit.store.migrate'), hashtext(coalesce(current_schema(), '')))";
