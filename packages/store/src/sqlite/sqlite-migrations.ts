import type { Migration } from '../migrations/migration.js';

/**
 * The SQLite schema, as an ordered list of migrations. Tables are STRICT: a value of the wrong type is an error, not
 * silently stored. Every number of the contract is a JS number, so it is stored as REAL (a double) and reads back exactly;
 * booleans are 0/1. Append new migrations at the end; never edit a released one.
 */
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'state store v1',
    sql: `
CREATE TABLE cursors (
  source TEXT PRIMARY KEY,
  cursor TEXT,
  watermark REAL,
  updated_at REAL NOT NULL
) STRICT;

-- Keyed so that one SLO definition's range is one index range scan, already ordered by start.
CREATE TABLE buckets (
  slo TEXT NOT NULL,
  definition TEXT NOT NULL,
  start REAL NOT NULL,
  segment TEXT NOT NULL,
  count REAL NOT NULL,
  good REAL NOT NULL,
  sum REAL NOT NULL,
  sum_squares REAL NOT NULL,
  min REAL,
  max REAL,
  sketch TEXT,
  PRIMARY KEY (slo, definition, start, segment)
) STRICT;
CREATE INDEX buckets_by_start ON buckets (start);

CREATE TABLE seen (
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  time REAL NOT NULL,
  PRIMARY KEY (source, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX seen_by_time ON seen (time);

CREATE TABLE evaluations (
  slo TEXT NOT NULL,
  at REAL NOT NULL,
  segment TEXT NOT NULL,
  status TEXT NOT NULL,
  value REAL,
  samples REAL NOT NULL,
  budget_remaining REAL,
  level TEXT NOT NULL,
  details TEXT NOT NULL,
  PRIMARY KEY (slo, at, segment)
) STRICT;
CREATE INDEX evaluations_by_at ON evaluations (at, slo, segment);

CREATE TABLE alert_states (
  slo TEXT NOT NULL,
  segment TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at REAL NOT NULL,
  PRIMARY KEY (slo, segment)
) STRICT;

-- seq keeps insertion order for events at the same time.
CREATE TABLE alert_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  slo TEXT NOT NULL,
  segment TEXT NOT NULL,
  at REAL NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  silenced INTEGER NOT NULL CHECK (silenced IN (0, 1)),
  payload TEXT NOT NULL
) STRICT;
CREATE INDEX alert_events_by_at ON alert_events (at);
CREATE INDEX alert_events_by_slo_at ON alert_events (slo, at);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at REAL NOT NULL,
  status TEXT NOT NULL,
  attempts REAL NOT NULL,
  next_attempt_at REAL NOT NULL,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_by_status_next_attempt ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_created ON outbox (created_at);

CREATE TABLE publish_log (
  seq INTEGER PRIMARY KEY,
  check_id TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  published REAL NOT NULL,
  at REAL NOT NULL
) STRICT;
CREATE INDEX publish_log_by_at ON publish_log (at);

CREATE TABLE silences (
  id TEXT PRIMARY KEY,
  slo TEXT NOT NULL,
  segment TEXT,
  starts_at REAL NOT NULL,
  ends_at REAL NOT NULL,
  reason TEXT NOT NULL,
  created_at REAL NOT NULL,
  expired_at REAL
) STRICT;

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at REAL NOT NULL
) STRICT;
`,
  },
  {
    version: 2,
    name: 'time slices in buckets',
    sql: `
ALTER TABLE buckets ADD COLUMN slices REAL NOT NULL DEFAULT 0;
ALTER TABLE buckets ADD COLUMN good_slices REAL NOT NULL DEFAULT 0;
`,
  },
];

/** The table that records the migrations applied. */
export const sqliteMigrationsTable =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL) STRICT';
