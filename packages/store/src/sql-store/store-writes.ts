import { type CycleWrites, type Lease, LeaseLostError, type StateStoreV1 } from '@slokit/core';
import { cycleTables } from './cycle-tables.js';
import { rejectNaN } from './reject-nan.js';
import type { SqlDialect, SqlSession } from './sql-dialect.js';
import type { StoreStatements } from './store-statements.js';
import type { TableWrite } from './table-write.js';

type WriteMethods = Pick<StateStoreV1, 'commit' | 'updateOutbox' | 'prune'>;

/** A sync cycle's commit, the outbox's delivery updates, and pruning. */
export function storeWrites(dialect: SqlDialect, sql: StoreStatements): WriteMethods {
  return {
    async commit(writes) {
      rejectNaN(writes);
      await dialect.transaction((session) => writeCycle(session, sql, writes));
    },

    async updateOutbox(row) {
      await dialect.run(sql.updateOutbox, [
        row.id,
        row.status,
        row.attempts,
        row.nextAttemptAt,
        row.lastError ?? null,
      ]);
    },

    async prune(before) {
      await dialect.transaction(async (session) => {
        await session.run(sql.pruneSeen, [before.seen]);
        await session.run(sql.pruneBuckets, [before.buckets]);
        await session.run(sql.pruneFineBuckets, [before.fineBuckets]);
        await session.run(sql.pruneEvaluations, [before.evaluations]);
        await session.run(sql.pruneAlertEvents, [before.alertEvents]);
        await session.run(sql.pruneOutbox, [before.outbox]);
      });
    },
  };
}

/** Everything one cycle writes, inside its transaction; first the lease check when the cycle holds one. */
async function writeCycle(session: SqlSession, sql: StoreStatements, writes: CycleWrites): Promise<void> {
  if (writes.lease) {
    const { name, owner, now } = writes.lease;
    // Locks the lease row (Postgres) until the commit ends: a takeover waits for this commit, or wins before it.
    const [lease] = await session.all<Lease>(sql.lockLease, [name]);
    if (!lease || lease.owner !== owner || lease.expiresAt <= now) throw new LeaseLostError(name, owner);
  }
  await writeRows(session, cycleTables.cursors, writes.cursors);
  await writeRows(session, cycleTables.buckets, writes.buckets);
  await writeRows(session, cycleTables.seen, writes.seen);
  await writeRows(session, cycleTables.evaluations, writes.evaluations);
  await writeRows(session, cycleTables.alertStates, writes.alertStates);
  await writeRows(session, cycleTables.alertEvents, writes.alertEvents);
  await writeRows(session, cycleTables.outbox, writes.outbox);
  await writeRows(session, cycleTables.publishes, writes.publishes);
}

async function writeRows<Row>(session: SqlSession, table: TableWrite<Row>, rows: readonly Row[] | undefined) {
  if (rows?.length) await session.write(table, rows);
}
