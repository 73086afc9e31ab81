import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
import type BetterSqlite3 from 'better-sqlite3';
import { chunks } from '../chunks.js';
import { pendingMigrations } from '../migrations/pending-migrations.js';
import { rejectNaN } from '../reject-nan.js';
import { sqliteMigrations, sqliteSql } from './sqlite-sql.js';

export interface SqliteStoreOptions {
  /**
   * The database file, typically `<config dir>/.slokit/state.db`; its directory is created on first use.
   * `:memory:` keeps the state in this process only (tests).
   */
  path: string;
  /** How long a write waits for another process's transaction before failing, in ms. Default 15,000. */
  busyTimeoutMs?: number;
}

/** SQLite's limit on bound parameters is 32,766; chunks well below it keep each statement cheap to prepare. */
const seenChunk = 500;

/**
 * The embedded state store: one SQLite file in WAL mode, safe to share between processes on one machine. Every
 * write is one IMMEDIATE transaction, so concurrent writers queue (up to `busyTimeoutMs`) instead of failing, and a
 * process killed mid-commit leaves the file with all or none of that commit.
 */
export function createSqliteStore(options: SqliteStoreOptions): StateStoreV1 {
  const inMemory = options.path === ':memory:';
  const file = inMemory ? options.path : resolve(options.path);
  const busyTimeoutMs = options.busyTimeoutMs ?? 15_000;
  let database: BetterSqlite3.Database | undefined;
  let opening: Promise<BetterSqlite3.Database> | undefined;
  let closed = false;
  const statements = new Map<string, BetterSqlite3.Statement>();

  async function open(): Promise<BetterSqlite3.Database> {
    const { default: Database } = await import('better-sqlite3');
    let db: BetterSqlite3.Database;
    try {
      if (!inMemory) mkdirSync(dirname(file), { recursive: true });
      db = new Database(file, { timeout: busyTimeoutMs });
    } catch (error) {
      throw new SlokitError(`cannot open the state database ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      if (!inMemory) await enableWal(db, busyTimeoutMs);
      // FULL: a commit is on disk when commit() resolves, even across a power cut (NORMAL would only survive a
      // process crash). One fsync per sync cycle costs nothing.
      db.pragma('synchronous = FULL');
      // A backfill's commit can grow the WAL to hundreds of MB; give the space back after the next checkpoint.
      db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    } catch (error) {
      db.close();
      throw new SlokitError(`cannot set up the state database ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return db;
  }

  async function connection(): Promise<BetterSqlite3.Database> {
    if (closed) throw new SlokitError(`the state store ${file} is closed`);
    if (database) return database;
    opening ??= open();
    try {
      database = await opening;
    } finally {
      opening = undefined;
    }
    if (closed) {
      database.close();
      database = undefined;
      throw new SlokitError(`the state store ${file} is closed`);
    }
    return database;
  }

  function statement(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  }

  function writeCycle(db: BetterSqlite3.Database, writes: CycleWrites): void {
    if (writes.lease) {
      const { name, owner, now } = writes.lease;
      const lease = statement(db, sqliteSql.getLease).get(name) as Lease | undefined;
      if (!lease || lease.owner !== owner || lease.expiresAt <= now) throw new LeaseLostError(name, owner);
    }
    if (writes.cursors?.length) {
      const upsert = statement(db, sqliteSql.upsertCursor);
      for (const row of writes.cursors) {
        upsert.run(row.source, row.cursor ?? null, row.watermark ?? null, row.updatedAt);
      }
    }
    if (writes.buckets?.length) {
      const upsert = statement(db, sqliteSql.upsertBucket);
      for (const row of writes.buckets) {
        upsert.run(
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
        );
      }
    }
    if (writes.seen?.length) {
      const insert = statement(db, sqliteSql.insertSeen);
      for (const row of writes.seen) insert.run(row.source, row.id, row.time);
    }
    if (writes.evaluations?.length) {
      const upsert = statement(db, sqliteSql.upsertEvaluation);
      for (const row of writes.evaluations) {
        upsert.run(
          row.slo,
          row.at,
          row.segment,
          row.status,
          row.value ?? null,
          row.samples,
          row.budgetRemaining ?? null,
          row.level,
          row.details,
        );
      }
    }
    if (writes.alertStates?.length) {
      const upsert = statement(db, sqliteSql.upsertAlertState);
      for (const row of writes.alertStates) upsert.run(row.slo, row.segment, row.state, row.updatedAt);
    }
    if (writes.alertEvents?.length) {
      const insert = statement(db, sqliteSql.insertAlertEvent);
      for (const row of writes.alertEvents) {
        insert.run(
          row.id,
          row.slo,
          row.segment,
          row.at,
          row.kind,
          row.level,
          sqliteBoolean(row.silenced),
          row.payload,
        );
      }
    }
    if (writes.outbox?.length) {
      const insert = statement(db, sqliteSql.insertOutbox);
      for (const row of writes.outbox) {
        insert.run(
          row.id,
          row.channel,
          row.payload,
          row.createdAt,
          row.status,
          row.attempts,
          row.nextAttemptAt,
          row.lastError ?? null,
        );
      }
    }
    if (writes.publishes?.length) {
      const insert = statement(db, sqliteSql.insertPublish);
      for (const row of writes.publishes)
        insert.run(row.checkId, row.source, row.target, row.published, row.at);
    }
  }

  return {
    specificationVersion: 'v1',
    kind: 'sqlite',
    location: file,

    async migrate() {
      const db = await connection();
      db.transaction(() => {
        db.exec(sqliteSql.createMigrationsTable);
        const applied = db.prepare(sqliteSql.appliedVersions).pluck().all() as number[];
        const record = db.prepare(sqliteSql.recordMigration);
        for (const migration of pendingMigrations(sqliteMigrations, applied, file)) {
          db.exec(migration.sql);
          record.run(migration.version, migration.name, Date.now());
        }
      }).immediate();
    },

    async close() {
      closed = true;
      statements.clear();
      database?.close();
      database = undefined;
    },

    async tryAcquireLease(name, owner, ttlMs, now) {
      const db = await connection();
      const lease = db
        .transaction(() => {
          statement(db, sqliteSql.acquireLease).run({ name, owner, expiresAt: now + ttlMs, now });
          return statement(db, sqliteSql.getLease).get(name) as Lease | undefined;
        })
        .immediate();
      return lease !== undefined && lease.owner === owner && lease.expiresAt > now;
    },

    async releaseLease(name, owner) {
      const db = await connection();
      statement(db, sqliteSql.releaseLease).run(name, owner);
    },

    async listLeases(prefix, now) {
      const db = await connection();
      return statement(db, sqliteSql.listLeases).all(prefix, prefix, now) as Lease[];
    },

    async getCursor(source) {
      const db = await connection();
      return statement(db, sqliteSql.getCursor).get(source) as SourceCursor | undefined;
    },

    async getBuckets(query) {
      const db = await connection();
      return statement(db, sqliteSql.getBuckets).all(
        query.slo,
        query.definition,
        query.from,
        query.to,
      ) as SliBucket[];
    },

    async filterSeen(source, ids) {
      const db = await connection();
      const seen = new Set<string>();
      for (const chunk of chunks(ids, seenChunk)) {
        // Full chunks share one cached statement; the last, shorter one is prepared for this call only.
        const sql = sqliteSql.filterSeen(chunk.length);
        const select = (chunk.length === seenChunk ? statement(db, sql) : db.prepare(sql)).pluck();
        for (const id of select.all(source, ...chunk) as string[]) seen.add(id);
      }
      return seen;
    },

    async getAlertStates() {
      const db = await connection();
      return statement(db, sqliteSql.getAlertStates).all() as AlertStateRow[];
    },

    async getEvaluations(query) {
      const db = await connection();
      return (
        query.slo === undefined
          ? statement(db, sqliteSql.getEvaluations).all(query.from, query.to)
          : statement(db, sqliteSql.getSloEvaluations).all(query.slo, query.from, query.to)
      ) as EvaluationRow[];
    },

    async getAlertEvents(query) {
      const db = await connection();
      const rows = (
        query.slo === undefined
          ? statement(db, sqliteSql.getAlertEvents).all(query.from, query.to)
          : statement(db, sqliteSql.getSloAlertEvents).all(query.slo, query.from, query.to)
      ) as Array<Omit<AlertEventRow, 'silenced'> & { silenced: number }>;
      return rows.map((row) => ({ ...row, silenced: row.silenced === 1 }));
    },

    async getDueOutbox(now, limit) {
      const db = await connection();
      return statement(db, sqliteSql.getDueOutbox).all(now, limit) as OutboxRow[];
    },

    async updateOutbox(row) {
      const db = await connection();
      statement(db, sqliteSql.updateOutbox).run(
        row.status,
        row.attempts,
        row.nextAttemptAt,
        row.lastError ?? null,
        row.id,
      );
    },

    async getPublishLog(query) {
      const db = await connection();
      return statement(db, sqliteSql.getPublishLog).all(query.from, query.to) as PublishLogRow[];
    },

    async listSilences(query) {
      const db = await connection();
      return (
        query?.activeAt === undefined
          ? statement(db, sqliteSql.listSilences).all()
          : statement(db, sqliteSql.listActiveSilences).all({ at: query.activeAt })
      ) as Silence[];
    },

    async addSilence(silence) {
      const db = await connection();
      try {
        statement(db, sqliteSql.insertSilence).run(
          silence.id,
          silence.slo,
          silence.segment ?? null,
          silence.startsAt,
          silence.endsAt,
          silence.reason,
          silence.createdAt,
          silence.expiredAt ?? null,
        );
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw new SlokitError(`a silence with id '${silence.id}' exists already`, { cause: error });
        }
        throw error;
      }
    },

    async expireSilence(id, at) {
      const db = await connection();
      return statement(db, sqliteSql.expireSilence).run({ id, at }).changes > 0;
    },

    async commit(writes) {
      rejectNaN(writes);
      const db = await connection();
      db.transaction(() => writeCycle(db, writes)).immediate();
    },

    async prune(before) {
      const db = await connection();
      db.transaction(() => {
        statement(db, sqliteSql.pruneSeen).run(before.seen);
        statement(db, sqliteSql.pruneBuckets).run(before.buckets);
        statement(db, sqliteSql.pruneFineBuckets).run(before.fineBuckets);
        statement(db, sqliteSql.pruneEvaluations).run(before.evaluations);
        statement(db, sqliteSql.pruneAlertEvents).run(before.alertEvents);
        statement(db, sqliteSql.pruneOutbox).run(before.outbox);
      }).immediate();
    },
  };
}

/**
 * Switches the file to WAL (once per file; a no-op after). Switching takes an exclusive lock without waiting on the
 * busy timeout, so processes opening a fresh file at the same moment retry here.
 */
async function enableWal(db: BetterSqlite3.Database, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      await sleep(Math.random() * Math.min(100, 2 ** attempt));
    }
  }
}

function sqliteBoolean(value: boolean): number {
  return value ? 1 : 0;
}
