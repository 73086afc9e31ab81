import type { SqlSyntax } from './sql-dialect.js';

const leaseColumns = 'name, owner, expires_at AS "expiresAt"';
const bucketColumns = `slo, definition, segment, start, count, good, sum, sum_squares AS "sumSquares", min, max, sketch,
      slices, good_slices AS "goodSlices"`;
const evaluationColumns =
  'slo, segment, at, status, value, samples, budget_remaining AS "budgetRemaining", level, details';
const alertEventColumns = 'id, slo, segment, at, kind, level, silenced, payload';
const silenceColumns = `id, slo, segment, starts_at AS "startsAt", ends_at AS "endsAt", reason,
      created_at AS "createdAt", expired_at AS "expiredAt"`;

/**
 * Every statement of the state store but the bulk writes (cycleTables) and the schema (the dialects' migrations),
 * written once for SQLite and Postgres. Aliases are quoted so both keep their case.
 */
export function storeStatements(syntax: SqlSyntax) {
  return {
    appliedVersions: 'SELECT version FROM schema_migrations ORDER BY version',
    recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',

    // One atomic statement: two owners racing, exactly one gets a row back.
    acquireLease: `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
    ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
    WHERE leases.expires_at <= $4 OR leases.owner = $2
    RETURNING owner, expires_at AS "expiresAt"`,
    lockLease: `SELECT ${leaseColumns} FROM leases WHERE name = $1${syntax.lockRows}`,
    releaseLease: 'DELETE FROM leases WHERE name = $1 AND owner = $2',
    listLeases: `SELECT ${leaseColumns} FROM leases
    WHERE ${syntax.startsWith('name', '$1')} AND expires_at > $2 ORDER BY name`,

    getCursor: 'SELECT source, cursor, watermark, updated_at AS "updatedAt" FROM cursors WHERE source = $1',

    getBuckets: `SELECT ${bucketColumns}
    FROM buckets WHERE slo = $1 AND definition = $2 AND start >= $3 AND start < $4 ORDER BY start, segment`,

    /** `filterSeen` for `count` ids. */
    filterSeen: (count: number) =>
      `SELECT id FROM seen WHERE source = $1 AND ${syntax.inList('id', 2, count)}`,

    getEvaluations: `SELECT ${evaluationColumns}
    FROM evaluations WHERE at >= $1 AND at < $2 ORDER BY at, slo, segment`,
    getSloEvaluations: `SELECT ${evaluationColumns}
    FROM evaluations WHERE slo = $1 AND at >= $2 AND at < $3 ORDER BY at, segment`,

    getAlertStates:
      'SELECT slo, segment, state, updated_at AS "updatedAt" FROM alert_states ORDER BY slo, segment',

    getAlertEvents: `SELECT ${alertEventColumns} FROM alert_events WHERE at >= $1 AND at < $2 ORDER BY at, seq`,
    getSloAlertEvents: `SELECT ${alertEventColumns} FROM alert_events
    WHERE slo = $1 AND at >= $2 AND at < $3 ORDER BY at, seq`,

    getDueOutbox: `SELECT id, channel, payload, created_at AS "createdAt", status, attempts,
      next_attempt_at AS "nextAttemptAt", last_error AS "lastError"
    FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY created_at, seq LIMIT $2`,
    updateOutbox:
      'UPDATE outbox SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5 WHERE id = $1',

    getPublishLog: `SELECT check_id AS "checkId", source, target, published, at FROM publish_log
    WHERE at >= $1 AND at < $2 ORDER BY at, seq`,

    listSilences: `SELECT ${silenceColumns} FROM silences ORDER BY starts_at, id`,
    listActiveSilences: `SELECT ${silenceColumns}
    FROM silences WHERE starts_at <= $1 AND ends_at > $1 AND (expired_at IS NULL OR expired_at > $1)
    ORDER BY starts_at, id`,
    insertSilence: `INSERT INTO silences (id, slo, segment, starts_at, ends_at, reason, created_at, expired_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    expireSilence:
      'UPDATE silences SET expired_at = $2 WHERE id = $1 AND expired_at IS NULL AND ends_at > $2',

    pruneSeen: 'DELETE FROM seen WHERE time < $1',
    pruneBuckets: 'DELETE FROM buckets WHERE start < $1',
    // 5-minute buckets: definitions without a ':1h' / ':1d' rollup suffix.
    pruneFineBuckets: `DELETE FROM buckets WHERE start < $1 AND ${syntax.position('definition', "':'")} = 0`,
    pruneEvaluations: 'DELETE FROM evaluations WHERE at < $1',
    pruneAlertEvents: 'DELETE FROM alert_events WHERE at < $1',
    // A pending delivery is kept however old: the outbox promises at least once.
    pruneOutbox: "DELETE FROM outbox WHERE created_at < $1 AND status <> 'pending'",
  };
}

export type StoreStatements = ReturnType<typeof storeStatements>;
