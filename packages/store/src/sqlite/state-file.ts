import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SqliteDatabaseConstructor } from './load-better-sqlite3.js';
import { newDatabase } from './new-database.js';
import { sqliteStateError } from './sqlite-state-error.js';

/** Which file a path named when it was opened: a file deleted or replaced since has another identity, or none. */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

/**
 * Makes sure `file` is a state file SQLite may open: creates it when there is none yet, and refuses one that is not a
 * file, is empty, cannot be written, or is missing while its write-ahead log is still there (SQLite would open an
 * empty database, or apply the log to one).
 */
export function prepareStateFile(file: string, Database: SqliteDatabaseConstructor): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw sqliteStateError(
      'cannot-open',
      file,
      `cannot create its directory: ${(error as Error).message}`,
      error,
    );
  }
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) {
    createStateFile(file, Database);
    return;
  }
  if (!stat.isFile()) throw sqliteStateError('cannot-open', file, 'it is not a file');
  if (stat.size === 0) {
    throw sqliteStateError('empty', file, 'a state database is never empty: it was truncated or overwritten');
  }
  if (!writable(file)) throw sqliteStateError('read-only', file, 'the file is read-only');
}

export function fileIdentity(file: string): FileIdentity {
  const { dev, ino } = statSync(file, { bigint: true });
  return { dev, ino };
}

/** Throws when `file` no longer is the file opened as `identity`: its writes would go to a deleted file. */
export function assertSameFile(file: string, identity: FileIdentity): void {
  const now = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (now && now.dev === identity.dev && now.ino === identity.ino) return;
  throw sqliteStateError(
    'deleted',
    file,
    `${now ? 'another file has its name now' : 'it is gone'}; nothing more was saved to it`,
  );
}

/**
 * Creates an empty database in WAL mode under a temporary name, then links it to `file` unless another process
 * created `file` first: `file` never exists half made, so an empty `file` is always a broken one.
 */
function createStateFile(file: string, Database: SqliteDatabaseConstructor): void {
  const leftovers = ['-wal', '-shm'].map((suffix) => `${file}${suffix}`).filter((path) => existsSync(path));
  if (leftovers.length > 0) {
    const names = leftovers.map((path) => basename(path)).join(' and ');
    throw sqliteStateError('deleted', file, `it is missing, but ${names} of it are still there`);
  }
  const directory = dirname(file);
  if (!writable(directory)) {
    throw sqliteStateError(
      'read-only',
      file,
      `it does not exist and its directory ${directory} is read-only`,
    );
  }
  const temporary = join(
    directory,
    `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.new`,
  );
  try {
    const database = newDatabase(Database, temporary, {}, file);
    try {
      database.pragma('journal_mode = WAL');
    } finally {
      database.close();
    }
    publish(temporary, file);
  } finally {
    for (const path of [temporary, `${temporary}-wal`, `${temporary}-shm`]) rmSync(path, { force: true });
  }
}

/** Gives `temporary` the name `file`, unless `file` exists by now (another process created it: that one is used). */
function publish(temporary: string, file: string): void {
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    // A filesystem without hard links: a rename, which a process creating the file at the same moment may
    // overwrite; the process that opened the overwritten file then finds it replaced (assertSameFile).
    if (!existsSync(file)) renameSync(temporary, file);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
