import type BetterSqlite3 from 'better-sqlite3';
import { driverMissing } from '../sql-store/load-driver.js';
import type { SqliteDatabaseConstructor } from './load-better-sqlite3.js';
import { asStateStoreError, sqliteStateError } from './sqlite-state-error.js';

export const betterSqlite3Package = { name: 'better-sqlite3', store: 'SQLite' };

/**
 * `new Database(path)`, failing with a StateStoreError about `file` (the state database being opened): the file's
 * problem, or better-sqlite3's native addon not loading (it loads on the first `new Database`).
 */
export function newDatabase(
  Database: SqliteDatabaseConstructor,
  path: string,
  options: BetterSqlite3.Options,
  file: string,
): BetterSqlite3.Database {
  try {
    return new Database(path, options);
  } catch (error) {
    const mapped = asStateStoreError(error, file);
    if (mapped !== error) throw mapped;
    if (isAddonFailure(error)) throw driverMissing(betterSqlite3Package, file, error);
    throw sqliteStateError('cannot-open', file, (error as Error).message, error);
  }
}

function isAddonFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const message = (error as Error).message ?? '';
  return (
    code === 'ERR_DLOPEN_FAILED' ||
    /bindings file|better_sqlite3\.node|NODE_MODULE_VERSION|was compiled against/i.test(message)
  );
}
