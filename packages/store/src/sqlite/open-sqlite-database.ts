import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabaseConstructor } from './load-better-sqlite3.js';
import { newDatabase } from './new-database.js';
import { asStateStoreError, sqliteStateError } from './sqlite-state-error.js';
import { type FileIdentity, fileIdentity, prepareStateFile } from './state-file.js';

export interface OpenedDatabase {
  database: BetterSqlite3.Database;
  /** The file opened; none for `:memory:`. */
  identity: FileIdentity | undefined;
}

/**
 * Opens the state file `file` (or `:memory:`), creating it on first use, in WAL mode: several processes on one
 * machine may share it. Fails with a StateStoreError that names the file and says what to do.
 */
export async function openSqliteDatabase(
  Database: SqliteDatabaseConstructor,
  file: string,
  busyTimeoutMs: number,
): Promise<OpenedDatabase> {
  const inMemory = file === ':memory:';
  if (!inMemory) prepareStateFile(file, Database);
  const database = newDatabase(Database, file, { timeout: busyTimeoutMs }, file);
  try {
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (!inMemory) await enableWal(database, busyTimeoutMs);
    // FULL: a commit is on disk when commit() resolves, even across a power cut (NORMAL would only survive a
    // process crash). One fsync per sync cycle costs nothing.
    database.pragma('synchronous = FULL');
    // A backfill's commit can grow the WAL to hundreds of MB; give the space back after the next checkpoint.
    database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    return { database, identity: inMemory ? undefined : fileIdentity(file) };
  } catch (error) {
    database.close();
    const mapped = asStateStoreError(error, file);
    throw mapped !== error ? mapped : sqliteStateError('cannot-open', file, (error as Error).message, error);
  }
}

/**
 * Switches the file to WAL (once per file; a no-op after). Switching takes an exclusive lock without waiting on the
 * busy timeout, so processes opening a fresh file at the same moment retry here.
 */
async function enableWal(database: BetterSqlite3.Database, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const mode = database.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      await sleep(Math.random() * Math.min(100, 2 ** attempt));
    }
  }
}
