import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlokitError } from '@slokit/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StateStoreError, type StateStoreProblem } from '../sql-store/state-store-error.js';
import { startWorker, workerOutput } from '../test-support/run-worker.js';
import type { BetterSqlite3Module } from './load-better-sqlite3.js';
import { createSqliteStore } from './sqlite-store.js';

// Real files broken the ways files break: each must fail with a StateStoreError naming the file and what to do,
// never a raw SQLite error, and never by quietly starting over with empty state.

const root = mkdtempSync(join(tmpdir(), 'slokit-sqlite-broken-'));
// Readable by the unprivileged user the permission cases run as.
chmodSync(root, 0o755);
let counter = 0;

afterAll(() => {
  // Read-only directories cannot be emptied: make them writable again first.
  for (let index = 1; index <= counter; index++) chmodSync(join(root, `case-${index}`), 0o755);
  rmSync(root, { recursive: true, force: true });
});

function freshDirectory(): string {
  const directory = join(root, `case-${++counter}`);
  mkdirSync(directory, { mode: 0o755 });
  return directory;
}

const cursor = { source: 'prod', cursor: 'c-1', watermark: 1, updatedAt: 2 };

async function stateFile(): Promise<string> {
  const path = join(freshDirectory(), 'state.db');
  const store = createSqliteStore({ path });
  await store.migrate();
  await store.commit({ cursors: [cursor] });
  await store.close();
  return path;
}

async function failure(work: Promise<unknown>): Promise<StateStoreError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!StateStoreError.isInstance(error)) throw new Error(`expected a StateStoreError, got ${String(error)}`);
  return error;
}

function expectProblem(
  error: StateStoreError,
  problem: StateStoreProblem,
  path: string,
  advice: RegExp,
): void {
  expect(error.problem).toBe(problem);
  expect(error.exitCode).toBe(3);
  expect(error.location).toBe(path);
  expect(error.message).toContain(path);
  expect(error.message).toMatch(advice);
  expect(SlokitError.isInstance(error)).toBe(true);
}

/** The user the permission cases run as: root ignores file permissions, so as root they run as `nobody`. */
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

async function probeAsUnprivileged(path: string): Promise<Record<string, unknown>> {
  const command = { op: 'probe', store: { path } };
  return workerOutput(command, await startWorker(command, unprivileged).done);
}

describe('sqlite: a broken state database', { timeout: 180_000 }, () => {
  it('a file that is not a database', async () => {
    const path = join(freshDirectory(), 'state.db');
    writeFileSync(path, 'not a database '.repeat(500));
    const store = createSqliteStore({ path });
    const error = await failure(store.migrate());
    expectProblem(error, 'corrupt', path, /restore it from a backup/);
    expect(error.message).toMatch(/damaged or not a SQLite database/);
    await store.close();
  });

  it('a database whose pages are damaged', async () => {
    const path = await stateFile();
    const bytes = readFileSync(path);
    // Keep the header and schema page; overwrite every table page.
    bytes.fill(0xa5, 4096);
    writeFileSync(path, bytes);
    const store = createSqliteStore({ path });
    const error = await failure(store.migrate().then(() => store.getCursor('prod')));
    expectProblem(error, 'corrupt', path, /restore it from a backup/);
    await store.close();
  });

  it('an empty (0-byte) file is refused, not silently started over', async () => {
    const path = await stateFile();
    writeFileSync(path, '');
    const store = createSqliteStore({ path });
    const error = await failure(store.migrate());
    expectProblem(error, 'empty', path, /restore it from a backup, or delete it/);
    expect(error.message).toContain('0 bytes');
    expect(statSync(path).size).toBe(0);
    await store.close();
  });

  it('a deleted file whose write-ahead log is left is refused, not recreated', async () => {
    const path = await stateFile();
    // What a process killed with the file open leaves behind, before someone deletes the file itself.
    writeFileSync(`${path}-wal`, '');
    rmSync(path);
    const store = createSqliteStore({ path });
    const error = await failure(store.migrate());
    expectProblem(error, 'deleted', path, /restore it from a backup/);
    expect(error.message).toContain('state.db-wal');
    await store.close();
  });

  it('a file deleted while the store has it open: the next write fails and says so', async () => {
    const path = await stateFile();
    const store = createSqliteStore({ path });
    await store.migrate();
    expect(await store.getCursor('prod')).toEqual(cursor);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    const error = await failure(store.commit({ cursors: [{ ...cursor, cursor: 'c-2' }] }));
    expectProblem(error, 'deleted', path, /was deleted or replaced/);
    expect(error.message).toContain('nothing more was saved');
    // It stays refused: every later call says so too.
    expectProblem(await failure(store.tryAcquireLease('sync', 'w', 1_000, 0)), 'deleted', path, /deleted/);
    await store.close();
  });

  it('a file deleted in the middle of a commit: the commit fails instead of writing to the deleted file', async () => {
    const path = await stateFile();
    const store = createSqliteStore({ path, loadDriver: deletingDriver(path) });
    await store.migrate();
    const error = await failure(
      store.commit({
        cursors: [{ ...cursor, cursor: 'c-2' }],
        buckets: [
          {
            slo: 's',
            definition: 'd',
            segment: '',
            start: 0,
            count: 1,
            good: 1,
            sum: 1,
            sumSquares: 1,
            min: null,
            max: null,
            sketch: null,
            slices: 0,
            goodSlices: 0,
          },
        ],
      }),
    );
    expectProblem(error, 'deleted', path, /was deleted or replaced/);
    await store.close();
  });

  it('a file replaced while the store has it open (a restore moved over it)', async () => {
    const path = await stateFile();
    const replacement = await stateFile();
    const store = createSqliteStore({ path });
    await store.migrate();
    renameSync(replacement, path);
    const error = await failure(store.commit({ cursors: [cursor] }));
    expectProblem(error, 'deleted', path, /another file has its name now/);
    await store.close();
  });

  it('a file another process keeps locked past the busy timeout', async () => {
    const path = await stateFile();
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const store = createSqliteStore({ path, busyTimeoutMs: 50 });
    try {
      const error = await failure(store.commit({ cursors: [cursor] }));
      expectProblem(error, 'locked', path, /wait for the other slokit process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await store.close();
    }
  });

  it('a read-only file', async () => {
    const path = await stateFile();
    chmodSync(path, 0o444);
    chmodSync(join(path, '..'), 0o777);
    expectRefusedAsReadOnly(await probeAsUnprivileged(path), path);
  });

  it('a read-only directory with the file in it', async () => {
    const path = await stateFile();
    chmodSync(path, 0o666);
    chmodSync(join(path, '..'), 0o555);
    expectRefusedAsReadOnly(await probeAsUnprivileged(path), path);
  });

  it('a read-only directory where the file should be created', async () => {
    const directory = freshDirectory();
    chmodSync(directory, 0o555);
    const path = join(directory, 'state.db');
    expectRefusedAsReadOnly(await probeAsUnprivileged(path), path);
  });
});

function expectRefusedAsReadOnly(result: Record<string, unknown>, path: string): void {
  expect(result).toMatchObject({ name: 'StateStoreError', problem: 'read-only', exitCode: 3 });
  expect(result.message).toContain(path);
  expect(result.message).toMatch(/give the user running slokit write access/);
}

/** better-sqlite3, but the state file is deleted as the first bucket of a commit is written. */
function deletingDriver(path: string): () => Promise<BetterSqlite3Module> {
  class DeletingDatabase extends Database {
    constructor(...options: ConstructorParameters<typeof Database>) {
      super(...options);
      const prepare = this.prepare.bind(this);
      this.prepare = ((sql: string) => {
        const statement = prepare(sql);
        if (!sql.startsWith('INSERT INTO buckets ')) return statement;
        const run = statement.run.bind(statement);
        statement.run = (...values) => {
          rmSync(path, { force: true });
          return run(...values);
        };
        return statement;
      }) as Database.Database['prepare'];
    }
  }
  return async () => ({ default: DeletingDatabase });
}
