import { basename } from 'node:path';
import { StateStoreError, type StateStoreProblem } from '../sql-store/state-store-error.js';

type FileProblem = Exclude<StateStoreProblem, 'driver-missing' | 'unreachable'>;

const whatHappened: Record<FileProblem, string> = {
  'cannot-open': 'cannot be opened',
  corrupt: 'is damaged or not a SQLite database',
  empty: 'is empty (0 bytes)',
  'read-only': 'cannot be written',
  deleted: 'was deleted or replaced',
  locked: 'stayed locked by another process for longer than the store waits',
  'io-error': 'could not be read or written',
};

function whatToDo(problem: FileProblem, file: string): string {
  const name = basename(file);
  switch (problem) {
    case 'cannot-open':
      return 'check that its directory exists or can be created and that the user running slokit may write there';
    case 'corrupt':
      return `restore it from a backup, or move it away (with ${name}-wal and ${name}-shm) to start again with empty state`;
    case 'empty':
      return `restore it from a backup, or delete it (with ${name}-wal and ${name}-shm) to start again with empty state`;
    case 'read-only':
      return `give the user running slokit write access to it and to its directory (SQLite writes ${name}-wal and ${name}-shm beside it)`;
    case 'deleted':
      return (
        `restore it from a backup (with its ${name}-wal), or delete what is left of it (${name}-wal, ${name}-shm) ` +
        'to start again with empty state; stop whatever removes it (a cleanup job, a deploy) first'
      );
    case 'locked':
      return 'wait for the other slokit process to finish, or stop it, then run slokit again';
    case 'io-error':
      return 'check the disk (free space, errors in the system log), then run slokit again';
  }
}

/** A StateStoreError about the SQLite file `file`, saying what happened (with `detail`) and what to do. */
export function sqliteStateError(
  problem: FileProblem,
  file: string,
  detail: string,
  cause?: unknown,
): StateStoreError {
  return new StateStoreError({
    problem,
    location: file,
    message: `the state database ${file} ${whatHappened[problem]} (${detail}): ${whatToDo(problem, file)}`,
    cause,
  });
}

/** The problem an error of better-sqlite3 reports about the file, from its SQLite result code. */
export function sqliteProblem(error: unknown): FileProblem | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code === 'SQLITE_READONLY_DBMOVED') return 'deleted';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') return 'cannot-open';
  if (code.startsWith('SQLITE_BUSY')) return 'locked';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') return 'io-error';
  return undefined;
}

/** `error` as a StateStoreError when it is about the file (damaged, read-only, ...); else `error` itself. */
export function asStateStoreError(error: unknown, file: string): unknown {
  if (StateStoreError.isInstance(error)) return error;
  const problem = sqliteProblem(error);
  return problem ? sqliteStateError(problem, file, (error as Error).message, error) : error;
}
