import { resolve } from 'node:path';
import type { StateStoreV1 } from '@slokit/core';
import { createSqlStore } from '../sql-store/create-sql-store.js';
import { type BetterSqlite3Module, importBetterSqlite3 } from './load-better-sqlite3.js';
import { createSqliteDialect } from './sqlite-dialect.js';

export interface SqliteStoreOptions {
  /**
   * The database file, typically `<config dir>/.slokit/state.db`; its directory is created on first use.
   * `:memory:` keeps the state in this process only (tests).
   */
  path: string;
  /** How long a write waits for another process's transaction before failing, in ms. Default 15,000. */
  busyTimeoutMs?: number;
  /**
   * Loads better-sqlite3 when the store first opens the file; default `import('better-sqlite3')`. A bundle that
   * ships its own copy passes it here.
   */
  loadDriver?: () => Promise<BetterSqlite3Module>;
}

/**
 * The embedded state store: one SQLite file in WAL mode, safe to share between processes on one machine. Every
 * write is one IMMEDIATE transaction, so concurrent writers queue (up to `busyTimeoutMs`) instead of failing, and a
 * process killed mid-commit leaves the file with all or none of that commit. A file that is damaged, empty,
 * read-only, or deleted while open fails with a StateStoreError naming it.
 */
export function createSqliteStore(options: SqliteStoreOptions): StateStoreV1 {
  return createSqlStore(
    createSqliteDialect({
      file: options.path === ':memory:' ? options.path : resolve(options.path),
      busyTimeoutMs: options.busyTimeoutMs ?? 15_000,
      loadDriver: options.loadDriver ?? importBetterSqlite3,
    }),
  );
}
