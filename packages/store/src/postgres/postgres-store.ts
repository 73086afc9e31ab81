import type { StateStoreV1 } from '@slokit/core';
import type { Pool } from 'pg';
import { createSqlStore } from '../sql-store/create-sql-store.js';
import { importPg, type PgModule } from './load-pg.js';
import { createPostgresDialect } from './postgres-dialect.js';

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
  /** Loads pg when the store first connects; default `import('pg')`. A bundle that ships its own copy passes it. */
  loadDriver?: () => Promise<PgModule>;
}

/**
 * The state store for several workers: Postgres. Leases are atomic upserts; a commit holding a lease locks the lease
 * row (`FOR UPDATE`) for the whole transaction, so a worker taking over an expired lease waits for the commit in
 * flight and the old worker's commit after the takeover fails with a LeaseLostError instead of writing.
 */
export function createPostgresStore(options: PostgresStoreOptions): StateStoreV1 {
  return createSqlStore(
    createPostgresDialect({
      url: options.url,
      pool: options.pool,
      loadDriver: options.loadDriver ?? importPg,
    }),
  );
}
