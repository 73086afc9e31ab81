import {
  type AlertEventRow,
  type AlertStateRow,
  type CycleWrites,
  type EvaluationRow,
  type Lease,
  LeaseLostError,
  type OutboxRow,
  type PublishLogRow,
  type Silence,
  type SliBucket,
  SlokitError,
  type SourceCursor,
  type StateStoreV1,
} from '@slokit/core';
import type { Pool, PoolClient } from 'pg';
import { chunks } from '../chunks.js';
import { pendingMigrations } from '../migrations/pending-migrations.js';
import { redactUrl } from '../redact-url.js';
import { rejectNaN } from '../reject-nan.js';
import {
  type BulkInsert,
  bulkInsertSql,
  postgresBulk,
  postgresMigrations,
  postgresSql,
} from './postgres-sql.js';

export interface PostgresStoreOptions {
  /**
   * `postgres://user:password@host:5432/database`. Everything `pg` understands works (`?sslmode=require`,
   * `?options=-c search_path=slokit` to keep slokit's tables in their own schema).
   */
  url: string;
  /**
   * A pool to use instead of opening one from `url` (then `url` only names the state in messages, and `close()`
   * leaves the pool open: it belongs to the caller).
   */
  pool?: Pool;
}

/** Rows per statement of a bulk write: large enough to amortize round trips, small enough to keep messages small. */
const bulkChunk = 5_000;
/** Ids per `filterSeen` query. */
const seenChunk = 10_000;

/**
 * The state store for several workers: Postgres. Leases are atomic upserts; a commit holding a lease locks the lease
 * row (`FOR UPDATE`) for the whole transaction, so a worker taking over an expired lease waits for the commit in
 * flight and the old worker's commit after the takeover fails with a LeaseLostError instead of writing.
 */
export function createPostgresStore(options: PostgresStoreOptions): StateStoreV1 {
  const location = redactUrl(options.url);
  let pool: Pool | undefined = options.pool;
  const ownsPool = options.pool === undefined;
  let closed = false;

  async function getPool(): Promise<Pool> {
    if (closed) throw new SlokitError(`the state store ${location} is closed`);
    if (pool) return pool;
    const { default: pg } = await import('pg');
    if (closed) throw new SlokitError(`the state store ${location} is closed`);
    if (pool) return pool;
    const created = new pg.Pool({ connectionString: options.url, application_name: 'slokit' });
    // An idle connection that breaks (server restart) is dropped by the pool; the next query reconnects or fails.
    created.on('error', () => {});
    pool = created;
    return created;
  }

  async function connect(): Promise<PoolClient> {
    const current = await getPool();
    try {
      return await current.connect();
    } catch (error) {
      throw new SlokitError(
        `cannot connect to the state database ${location}: ${(error as Error).message || String(error)}`,
        { cause: error, exitCode: 3 },
      );
    }
  }

  async function query<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
    const client = await connect();
    try {
      const result = await client.query(sql, values);
      return result.rows as Row[];
    } finally {
      client.release();
    }
  }

  async function transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: destroy it rather than return it to the pool.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async function bulkInsert(client: PoolClient, insert: BulkInsert, rows: ReadonlyArray<readonly unknown[]>) {
    const sql = bulkInsertSql(insert);
    for (const chunk of chunks(rows, bulkChunk)) {
      const columns = insert.columns.map((_, index) => chunk.map((row) => row[index]));
      await client.query(sql, columns);
    }
  }

  async function writeCycle(client: PoolClient, writes: CycleWrites): Promise<void> {
    if (writes.lease) {
      const { name, owner, now } = writes.lease;
      const result = await client.query<Lease>(postgresSql.lockLease, [name]);
      const lease = result.rows[0];
      if (!lease || lease.owner !== owner || lease.expiresAt <= now) throw new LeaseLostError(name, owner);
    }
    // An upsert statement cannot touch one row twice, so a key given twice keeps its last row (as SQLite does).
    if (writes.cursors?.length) {
      const rows = lastByKey(writes.cursors, (row) => [row.source]);
      await bulkInsert(
        client,
        postgresBulk.cursors,
        rows.map((row) => [row.source, row.cursor ?? null, row.watermark ?? null, row.updatedAt]),
      );
    }
    if (writes.buckets?.length) {
      const rows = lastByKey(writes.buckets, (row) => [
        row.slo,
        row.definition,
        String(row.start),
        row.segment,
      ]);
      await bulkInsert(
        client,
        postgresBulk.buckets,
        rows.map((row) => [
          row.slo,
          row.definition,
          row.start,
          row.segment,
          row.count,
          row.good,
          row.sum,
          row.sumSquares,
          row.min ?? null,
          row.max ?? null,
          row.sketch ?? null,
          row.slices,
          row.goodSlices,
        ]),
      );
    }
    if (writes.seen?.length) {
      await bulkInsert(
        client,
        postgresBulk.seen,
        writes.seen.map((row) => [row.source, row.id, row.time]),
      );
    }
    if (writes.evaluations?.length) {
      const rows = lastByKey(writes.evaluations, (row) => [row.slo, String(row.at), row.segment]);
      await bulkInsert(
        client,
        postgresBulk.evaluations,
        rows.map((row) => [
          row.slo,
          row.at,
          row.segment,
          row.status,
          row.value ?? null,
          row.samples,
          row.budgetRemaining ?? null,
          row.level,
          row.details,
        ]),
      );
    }
    if (writes.alertStates?.length) {
      const rows = lastByKey(writes.alertStates, (row) => [row.slo, row.segment]);
      await bulkInsert(
        client,
        postgresBulk.alertStates,
        rows.map((row) => [row.slo, row.segment, row.state, row.updatedAt]),
      );
    }
    if (writes.alertEvents?.length) {
      await bulkInsert(
        client,
        postgresBulk.alertEvents,
        writes.alertEvents.map((row) => [
          row.id,
          row.slo,
          row.segment,
          row.at,
          row.kind,
          row.level,
          row.silenced,
          row.payload,
        ]),
      );
    }
    if (writes.outbox?.length) {
      await bulkInsert(
        client,
        postgresBulk.outbox,
        writes.outbox.map((row) => [
          row.id,
          row.channel,
          row.payload,
          row.createdAt,
          row.status,
          row.attempts,
          row.nextAttemptAt,
          row.lastError ?? null,
        ]),
      );
    }
    if (writes.publishes?.length) {
      await bulkInsert(
        client,
        postgresBulk.publishes,
        writes.publishes.map((row) => [row.checkId, row.source, row.target, row.published, row.at]),
      );
    }
  }

  return {
    specificationVersion: 'v1',
    kind: 'postgres',
    location,

    async migrate() {
      await transaction(async (client) => {
        // Serializes concurrent migrators (several workers starting at once); released at COMMIT.
        await client.query(postgresSql.lockMigrations);
        await client.query(postgresSql.createMigrationsTable);
        const applied = await client.query<{ version: number }>(postgresSql.appliedVersions);
        const pending = pendingMigrations(
          postgresMigrations,
          applied.rows.map((row) => row.version),
          location,
        );
        for (const migration of pending) {
          await client.query(migration.sql);
          await client.query(postgresSql.recordMigration, [migration.version, migration.name, Date.now()]);
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool && pool) await pool.end();
      pool = undefined;
    },

    async tryAcquireLease(name, owner, ttlMs, now) {
      const rows = await query<Lease>(postgresSql.acquireLease, [name, owner, now + ttlMs, now]);
      const lease = rows[0];
      return lease !== undefined && lease.owner === owner && lease.expiresAt > now;
    },

    async releaseLease(name, owner) {
      await query(postgresSql.releaseLease, [name, owner]);
    },

    async listLeases(prefix, now) {
      return query<Lease>(postgresSql.listLeases, [prefix, now]);
    },

    async getCursor(source) {
      const rows = await query<SourceCursor>(postgresSql.getCursor, [source]);
      return rows[0];
    },

    async getBuckets(request) {
      return query<SliBucket>(postgresSql.getBuckets, [
        request.slo,
        request.definition,
        request.from,
        request.to,
      ]);
    },

    async filterSeen(source, ids) {
      const seen = new Set<string>();
      if (ids.length === 0) return seen;
      const client = await connect();
      try {
        for (const chunk of chunks(ids, seenChunk)) {
          const result = await client.query<{ id: string }>(postgresSql.filterSeen, [source, chunk]);
          for (const row of result.rows) seen.add(row.id);
        }
      } finally {
        client.release();
      }
      return seen;
    },

    async getAlertStates() {
      return query<AlertStateRow>(postgresSql.getAlertStates);
    },

    async getEvaluations(request) {
      return request.slo === undefined
        ? query<EvaluationRow>(postgresSql.getEvaluations, [request.from, request.to])
        : query<EvaluationRow>(postgresSql.getSloEvaluations, [request.slo, request.from, request.to]);
    },

    async getAlertEvents(request) {
      return request.slo === undefined
        ? query<AlertEventRow>(postgresSql.getAlertEvents, [request.from, request.to])
        : query<AlertEventRow>(postgresSql.getSloAlertEvents, [request.slo, request.from, request.to]);
    },

    async getDueOutbox(now, limit) {
      return query<OutboxRow>(postgresSql.getDueOutbox, [now, limit]);
    },

    async updateOutbox(row) {
      await query(postgresSql.updateOutbox, [
        row.id,
        row.status,
        row.attempts,
        row.nextAttemptAt,
        row.lastError ?? null,
      ]);
    },

    async getPublishLog(request) {
      return query<PublishLogRow>(postgresSql.getPublishLog, [request.from, request.to]);
    },

    async listSilences(request) {
      return request?.activeAt === undefined
        ? query<Silence>(postgresSql.listSilences)
        : query<Silence>(postgresSql.listActiveSilences, [request.activeAt]);
    },

    async addSilence(silence) {
      try {
        await query(postgresSql.insertSilence, [
          silence.id,
          silence.slo,
          silence.segment ?? null,
          silence.startsAt,
          silence.endsAt,
          silence.reason,
          silence.createdAt,
          silence.expiredAt ?? null,
        ]);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new SlokitError(`a silence with id '${silence.id}' exists already`, { cause: error });
        }
        throw error;
      }
    },

    async expireSilence(id, at) {
      const client = await connect();
      try {
        const result = await client.query(postgresSql.expireSilence, [id, at]);
        return (result.rowCount ?? 0) > 0;
      } finally {
        client.release();
      }
    },

    async commit(writes) {
      rejectNaN(writes);
      await transaction((client) => writeCycle(client, writes));
    },

    async prune(before) {
      await transaction(async (client) => {
        await client.query(postgresSql.pruneSeen, [before.seen]);
        await client.query(postgresSql.pruneBuckets, [before.buckets]);
        await client.query(postgresSql.pruneFineBuckets, [before.fineBuckets]);
        await client.query(postgresSql.pruneEvaluations, [before.evaluations]);
        await client.query(postgresSql.pruneAlertEvents, [before.alertEvents]);
        await client.query(postgresSql.pruneOutbox, [before.outbox]);
      });
    },
  };
}

/** `rows` with one row per key: the last given. */
function lastByKey<T>(rows: readonly T[], key: (row: T) => string[]): T[] {
  const byKey = new Map<string, T>();
  // NUL cannot occur in Postgres text, so it cannot make two different keys collide.
  for (const row of rows) byKey.set(key(row).join('\u0000'), row);
  return byKey.size === rows.length ? (rows as T[]) : [...byKey.values()];
}
