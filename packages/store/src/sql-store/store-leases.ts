import type { Lease, StateStoreV1 } from '@slokit/core';
import type { SqlDialect } from './sql-dialect.js';
import type { StoreStatements } from './store-statements.js';

type LeaseMethods = Pick<StateStoreV1, 'tryAcquireLease' | 'releaseLease' | 'listLeases'>;

/** Leases: named locks with an expiry, held by an owner, taken and renewed by one atomic upsert. */
export function storeLeases(dialect: SqlDialect, sql: StoreStatements): LeaseMethods {
  return {
    async tryAcquireLease(name, owner, ttlMs, now) {
      const [lease] = await dialect.all<Omit<Lease, 'name'>>(sql.acquireLease, [
        name,
        owner,
        now + ttlMs,
        now,
      ]);
      return lease !== undefined && lease.owner === owner && lease.expiresAt > now;
    },

    async releaseLease(name, owner) {
      await dialect.run(sql.releaseLease, [name, owner]);
    },

    async listLeases(prefix, now) {
      return dialect.all<Lease>(sql.listLeases, [prefix, now]);
    },
  };
}
