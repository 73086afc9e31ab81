import type { Migration } from '../migrations/migration.js';

/**
 * Every SQL statement of the Postgres driver. The schema is an ordered list of migrations. Every number of the
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

/** A bulk insert: rows go in as one array per column, `unnest`ed server-side (one round trip per chunk). */
export interface BulkInsert {
  table: string;
  /** Column names with the Postgres array type of their values. */
  columns: ReadonlyArray<readonly [name: string, type: string]>;
  /** What follows the SELECT: `ON CONFLICT ...`. */
  conflict: string;
  /** The table numbers its rows (`seq`) and they must follow the order given. */
  ordered?: boolean;
}

export function bulkInsertSql(insert: BulkInsert): string {
  const names = insert.columns.map(([name]) => name);
  const arrays = insert.columns.map(([, type], index) => `$${index + 1}::${type}[]`);
  const insertInto = `INSERT INTO ${insert.table} (${names.join(', ')})`;
  if (!insert.ordered) return `${insertInto} SELECT * FROM unnest(${arrays.join(', ')}) ${insert.conflict}`;
  // WITH ORDINALITY + ORDER BY: the identity column (seq) follows the order of the rows given.
  return (
    `${insertInto} SELECT ${names.join(', ')} ` +
    `FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS input(${names.join(', ')}, ord) ORDER BY ord ${insert.conflict}`
  );
}

function updateAll(columns: readonly string[]): string {
  return columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
}

export const postgresBulk = {
  cursors: {
    table: 'cursors',
    columns: [
      ['source', 'text'],
      ['cursor', 'text'],
      ['watermark', 'float8'],
      ['updated_at', 'float8'],
    ],
    conflict: `ON CONFLICT (source) DO UPDATE SET ${updateAll(['cursor', 'watermark', 'updated_at'])}`,
  },
  buckets: {
    table: 'buckets',
    columns: [
      ['slo', 'text'],
      ['definition', 'text'],
      ['start', 'float8'],
      ['segment', 'text'],
      ['count', 'float8'],
      ['good', 'float8'],
      ['sum', 'float8'],
      ['sum_squares', 'float8'],
      ['min', 'float8'],
      ['max', 'float8'],
      ['sketch', 'text'],
      ['slices', 'float8'],
      ['good_slices', 'float8'],
    ],
    conflict: `ON CONFLICT (slo, definition, start, segment) DO UPDATE SET ${updateAll([
      'count',
      'good',
      'sum',
      'sum_squares',
      'min',
      'max',
      'sketch',
      'slices',
      'good_slices',
    ])}`,
  },
  seen: {
    table: 'seen',
    columns: [
      ['source', 'text'],
      ['id', 'text'],
      ['time', 'float8'],
    ],
    conflict: 'ON CONFLICT DO NOTHING',
  },
  evaluations: {
    table: 'evaluations',
    columns: [
      ['slo', 'text'],
      ['at', 'float8'],
      ['segment', 'text'],
      ['status', 'text'],
      ['value', 'float8'],
      ['samples', 'float8'],
      ['budget_remaining', 'float8'],
      ['level', 'text'],
      ['details', 'text'],
    ],
    conflict: `ON CONFLICT (slo, at, segment) DO UPDATE SET ${updateAll([
      'status',
      'value',
      'samples',
      'budget_remaining',
      'level',
      'details',
    ])}`,
  },
  alertStates: {
    table: 'alert_states',
    columns: [
      ['slo', 'text'],
      ['segment', 'text'],
      ['state', 'text'],
      ['updated_at', 'float8'],
    ],
    conflict: `ON CONFLICT (slo, segment) DO UPDATE SET ${updateAll(['state', 'updated_at'])}`,
  },
  alertEvents: {
    table: 'alert_events',
    ordered: true,
    columns: [
      ['id', 'text'],
      ['slo', 'text'],
      ['segment', 'text'],
      ['at', 'float8'],
      ['kind', 'text'],
      ['level', 'text'],
      ['silenced', 'boolean'],
      ['payload', 'text'],
    ],
    conflict: 'ON CONFLICT (id) DO NOTHING',
  },
  outbox: {
    table: 'outbox',
    ordered: true,
    columns: [
      ['id', 'text'],
      ['channel', 'text'],
      ['payload', 'text'],
      ['created_at', 'float8'],
      ['status', 'text'],
      ['attempts', 'float8'],
      ['next_attempt_at', 'float8'],
      ['last_error', 'text'],
    ],
    conflict: 'ON CONFLICT (id) DO NOTHING',
  },
  publishes: {
    table: 'publish_log',
    ordered: true,
    columns: [
      ['check_id', 'text'],
      ['source', 'text'],
      ['target', 'text'],
      ['published', 'float8'],
      ['at', 'float8'],
    ],
    conflict: '',
  },
} as const satisfies Record<string, BulkInsert>;

export const postgresSql = {
  createMigrationsTable:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at double precision NOT NULL)',
  // One lock per schema: migrations of two schemas in one database do not wait for each other.
  lockMigrations:
    "SELECT pg_advisory_xact_lock(hashtext('slokit.store.migrate'), hashtext(coalesce(current_schema(), '')))",
  appliedVersions: 'SELECT version FROM schema_migrations ORDER BY version',
  recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',

  acquireLease: `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
    ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
    WHERE leases.expires_at <= $4 OR leases.owner = $2
    RETURNING owner, expires_at AS "expiresAt"`,
  lockLease: 'SELECT name, owner, expires_at AS "expiresAt" FROM leases WHERE name = $1 FOR UPDATE',
  releaseLease: 'DELETE FROM leases WHERE name = $1 AND owner = $2',
  listLeases: `SELECT name, owner, expires_at AS "expiresAt" FROM leases
    WHERE starts_with(name, $1) AND expires_at > $2 ORDER BY name`,

  getCursor: 'SELECT source, cursor, watermark, updated_at AS "updatedAt" FROM cursors WHERE source = $1',

  getBuckets: `SELECT slo, definition, segment, start, count, good, sum, sum_squares AS "sumSquares", min, max, sketch,
      slices, good_slices AS "goodSlices"
    FROM buckets WHERE slo = $1 AND definition = $2 AND start >= $3 AND start < $4 ORDER BY start, segment`,

  filterSeen: 'SELECT id FROM seen WHERE source = $1 AND id = ANY($2::text[])',

  getEvaluations: `SELECT slo, segment, at, status, value, samples, budget_remaining AS "budgetRemaining", level, details
    FROM evaluations WHERE at >= $1 AND at < $2 ORDER BY at, slo, segment`,
  getSloEvaluations: `SELECT slo, segment, at, status, value, samples, budget_remaining AS "budgetRemaining", level,
      details
    FROM evaluations WHERE slo = $1 AND at >= $2 AND at < $3 ORDER BY at, segment`,

  getAlertStates:
    'SELECT slo, segment, state, updated_at AS "updatedAt" FROM alert_states ORDER BY slo, segment',

  getAlertEvents: `SELECT id, slo, segment, at, kind, level, silenced, payload FROM alert_events
    WHERE at >= $1 AND at < $2 ORDER BY at, seq`,
  getSloAlertEvents: `SELECT id, slo, segment, at, kind, level, silenced, payload FROM alert_events
    WHERE slo = $1 AND at >= $2 AND at < $3 ORDER BY at, seq`,

  getDueOutbox: `SELECT id, channel, payload, created_at AS "createdAt", status, attempts,
      next_attempt_at AS "nextAttemptAt", last_error AS "lastError"
    FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY created_at, seq LIMIT $2`,
  updateOutbox:
    'UPDATE outbox SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5 WHERE id = $1',

  getPublishLog: `SELECT check_id AS "checkId", source, target, published, at FROM publish_log
    WHERE at >= $1 AND at < $2 ORDER BY at, seq`,

  listSilences: `SELECT id, slo, segment, starts_at AS "startsAt", ends_at AS "endsAt", reason,
      created_at AS "createdAt", expired_at AS "expiredAt"
    FROM silences ORDER BY starts_at, id`,
  listActiveSilences: `SELECT id, slo, segment, starts_at AS "startsAt", ends_at AS "endsAt", reason,
      created_at AS "createdAt", expired_at AS "expiredAt"
    FROM silences WHERE starts_at <= $1 AND ends_at > $1 AND (expired_at IS NULL OR expired_at > $1)
    ORDER BY starts_at, id`,
  insertSilence: `INSERT INTO silences (id, slo, segment, starts_at, ends_at, reason, created_at, expired_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  expireSilence: 'UPDATE silences SET expired_at = $2 WHERE id = $1 AND expired_at IS NULL AND ends_at > $2',

  pruneSeen: 'DELETE FROM seen WHERE time < $1',
  pruneBuckets: 'DELETE FROM buckets WHERE start < $1',
  // 5-minute buckets: definitions without a ':1h' / ':1d' rollup suffix.
  pruneFineBuckets: "DELETE FROM buckets WHERE start < $1 AND strpos(definition, ':') = 0",
  pruneEvaluations: 'DELETE FROM evaluations WHERE at < $1',
  pruneAlertEvents: 'DELETE FROM alert_events WHERE at < $1',
  // A pending delivery is kept however old: the outbox promises at least once.
  pruneOutbox: "DELETE FROM outbox WHERE created_at < $1 AND status <> 'pending'",
} as const;
