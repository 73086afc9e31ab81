import type { Migration } from '../migrations/migration.js';

/**
 * Every SQL statement of the SQLite driver. The schema is an ordered list of migrations. Tables are STRICT: a value of the wrong type is an error, not silently
 * stored. Every number of the contract is a JS number, so it is stored as REAL (a double) and reads back exactly;
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

export const sqliteSql = {
  createMigrationsTable:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL) STRICT',
  appliedVersions: 'SELECT version FROM schema_migrations ORDER BY version',
  recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',

  acquireLease: `INSERT INTO leases (name, owner, expires_at) VALUES (:name, :owner, :expiresAt)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
    WHERE leases.expires_at <= :now OR leases.owner = :owner`,
  getLease: 'SELECT name, owner, expires_at AS expiresAt FROM leases WHERE name = ?',
  releaseLease: 'DELETE FROM leases WHERE name = ? AND owner = ?',
  // instr() = 1 is "starts with", exactly and case-sensitively (LIKE folds ASCII case and needs escaping).
  listLeases: `SELECT name, owner, expires_at AS expiresAt FROM leases
    WHERE (? = '' OR instr(name, ?) = 1) AND expires_at > ? ORDER BY name`,

  getCursor: 'SELECT source, cursor, watermark, updated_at AS updatedAt FROM cursors WHERE source = ?',
  upsertCursor: `INSERT INTO cursors (source, cursor, watermark, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, watermark = excluded.watermark,
      updated_at = excluded.updated_at`,

  getBuckets: `SELECT slo, definition, segment, start, count, good, sum, sum_squares AS sumSquares, min, max, sketch,
      slices, good_slices AS goodSlices
    FROM buckets WHERE slo = ? AND definition = ? AND start >= ? AND start < ? ORDER BY start, segment`,
  upsertBucket: `INSERT INTO buckets (slo, definition, start, segment, count, good, sum, sum_squares, min, max, sketch,
      slices, good_slices)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (slo, definition, start, segment) DO UPDATE SET count = excluded.count, good = excluded.good,
      sum = excluded.sum, sum_squares = excluded.sum_squares, min = excluded.min, max = excluded.max,
      sketch = excluded.sketch, slices = excluded.slices, good_slices = excluded.good_slices`,

  /** `filterSeen` with `size` ids: one statement per chunk size, cached. */
  filterSeen: (size: number) =>
    `SELECT id FROM seen WHERE source = ? AND id IN (${new Array(size).fill('?').join(', ')})`,
  insertSeen: 'INSERT INTO seen (source, id, time) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',

  getEvaluations: `SELECT slo, segment, at, status, value, samples, budget_remaining AS budgetRemaining, level, details
    FROM evaluations WHERE at >= ? AND at < ? ORDER BY at, slo, segment`,
  getSloEvaluations: `SELECT slo, segment, at, status, value, samples, budget_remaining AS budgetRemaining, level,
      details
    FROM evaluations WHERE slo = ? AND at >= ? AND at < ? ORDER BY at, segment`,
  upsertEvaluation: `INSERT INTO evaluations (slo, at, segment, status, value, samples, budget_remaining, level, details)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (slo, at, segment) DO UPDATE SET status = excluded.status, value = excluded.value,
      samples = excluded.samples, budget_remaining = excluded.budget_remaining, level = excluded.level,
      details = excluded.details`,

  getAlertStates:
    'SELECT slo, segment, state, updated_at AS updatedAt FROM alert_states ORDER BY slo, segment',
  upsertAlertState: `INSERT INTO alert_states (slo, segment, state, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (slo, segment) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,

  getAlertEvents: `SELECT id, slo, segment, at, kind, level, silenced, payload FROM alert_events
    WHERE at >= ? AND at < ? ORDER BY at, seq`,
  getSloAlertEvents: `SELECT id, slo, segment, at, kind, level, silenced, payload FROM alert_events
    WHERE slo = ? AND at >= ? AND at < ? ORDER BY at, seq`,
  insertAlertEvent: `INSERT INTO alert_events (id, slo, segment, at, kind, level, silenced, payload)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,

  getDueOutbox: `SELECT id, channel, payload, created_at AS createdAt, status, attempts,
      next_attempt_at AS nextAttemptAt, last_error AS lastError
    FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY created_at, seq LIMIT ?`,
  insertOutbox: `INSERT INTO outbox (id, channel, payload, created_at, status, attempts, next_attempt_at, last_error)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  updateOutbox:
    'UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?',

  getPublishLog: `SELECT check_id AS checkId, source, target, published, at FROM publish_log
    WHERE at >= ? AND at < ? ORDER BY at, seq`,
  insertPublish: 'INSERT INTO publish_log (check_id, source, target, published, at) VALUES (?, ?, ?, ?, ?)',

  listSilences: `SELECT id, slo, segment, starts_at AS startsAt, ends_at AS endsAt, reason, created_at AS createdAt,
      expired_at AS expiredAt
    FROM silences ORDER BY starts_at, id`,
  listActiveSilences: `SELECT id, slo, segment, starts_at AS startsAt, ends_at AS endsAt, reason,
      created_at AS createdAt, expired_at AS expiredAt
    FROM silences WHERE starts_at <= :at AND ends_at > :at AND (expired_at IS NULL OR expired_at > :at)
    ORDER BY starts_at, id`,
  insertSilence: `INSERT INTO silences (id, slo, segment, starts_at, ends_at, reason, created_at, expired_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  expireSilence:
    'UPDATE silences SET expired_at = :at WHERE id = :id AND expired_at IS NULL AND ends_at > :at',

  pruneSeen: 'DELETE FROM seen WHERE time < ?',
  pruneBuckets: 'DELETE FROM buckets WHERE start < ?',
  // 5-minute buckets: definitions without a ':1h' / ':1d' rollup suffix.
  pruneFineBuckets: "DELETE FROM buckets WHERE start < ? AND instr(definition, ':') = 0",
  pruneEvaluations: 'DELETE FROM evaluations WHERE at < ?',
  pruneAlertEvents: 'DELETE FROM alert_events WHERE at < ?',
  // A pending delivery is kept however old: the outbox promises at least once.
  pruneOutbox: "DELETE FROM outbox WHERE created_at < ? AND status <> 'pending'",
} as const;
