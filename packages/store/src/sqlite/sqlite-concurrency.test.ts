import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runWorker, runWorkersTogether, startWorker } from '../test-support/run-worker.js';
import { sqliteMigrations } from './sqlite-migrations.js';
import { createSqliteStore } from './sqlite-store.js';

// Real processes on real files: what two `slokit sync` runs on one machine do to the same state. The workers start
// together on a barrier and use given times for their leases, never the wall clock.

const root = mkdtempSync(join(tmpdir(), 'slokit-sqlite-concurrency-'));
const t0 = Date.UTC(2026, 10, 26, 12);
let counter = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

function freshDirectory(): string {
  const directory = join(root, `case-${++counter}`);
  mkdirSync(directory);
  return directory;
}

async function migratedFile(): Promise<{ directory: string; path: string }> {
  const directory = freshDirectory();
  const path = join(directory, 'state.db');
  const setup = createSqliteStore({ path });
  await setup.migrate();
  await setup.close();
  return { directory, path };
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

interface RaceResult {
  attempts: number;
  acquisitions: number;
  refusals: number;
  renewals: number;
  violations: number;
}

// Starting processes is slow on a loaded machine: generous timeouts, never assertions on time.
describe('sqlite: several processes on one file', { timeout: 120_000 }, () => {
  it('migrates a fresh file from three processes at once, each migration once', async () => {
    for (let round = 0; round < 3; round++) {
      const path = join(freshDirectory(), '.slokit', 'state.db');
      await runWorkersTogether([1, 2, 3].map(() => ({ op: 'migrate', store: { path } })));
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(
        sqliteMigrations.map((migration) => migration.version),
      );
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    }
  });

  it('three processes taking a free lease at once: exactly one gets it', async () => {
    for (let round = 0; round < 3; round++) {
      const { path } = await migratedFile();
      const results = await runWorkersTogether<{ owner: string; won: boolean }>(
        ['a', 'b', 'c'].map((owner) => ({ op: 'takeOnce', store: { path }, owner, now: t0, ttlMs: 60_000 })),
      );
      const winners = results.filter((result) => result.won);
      expect(winners).toHaveLength(1);
      const store = createSqliteStore({ path });
      expect(await store.listLeases('sync', t0)).toEqual([
        { name: 'sync', owner: winners[0]!.owner, expiresAt: t0 + 60_000 },
      ]);
      await store.close();
    }
  });

  it('two processes racing for the sync lease: at most one holds it at any time', async () => {
    const { directory, path } = await migratedFile();
    const lockFile = join(directory, 'critical-section');
    const results = await runWorkersTogether<RaceResult>(
      ['worker-a', 'worker-b'].map((owner) => ({
        op: 'leaseRace',
        store: { path },
        owner,
        attempts: 150,
        now: t0,
        ttlMs: 60_000,
        lockFile,
      })),
    );
    console.info(`sqlite lease race, 2 processes, 150 attempts each: ${JSON.stringify(results)}`);
    // Mutual exclusion, and a holder can always renew. Who gets it how often is up to the scheduler and SQLite's
    // busy handler (which is not fair): only progress overall is promised.
    for (const result of results) {
      expect(result.violations).toBe(0);
      expect(result.renewals).toBe(result.acquisitions);
      expect(result.acquisitions + result.refusals).toBe(result.attempts);
    }
    expect(results[0]!.acquisitions + results[1]!.acquisitions).toBeGreaterThan(0);
    expect(existsSync(lockFile)).toBe(false);
    const after = createSqliteStore({ path });
    expect(await after.listLeases('', t0)).toEqual([]);
    await after.close();
  });

  it('a lease held by a killed process is refused until it expires, then taken over', async () => {
    const { path } = await migratedFile();
    const holder = startWorker({
      op: 'holdLease',
      store: { path },
      name: 'sync',
      owner: 'dead',
      now: t0,
      ttlMs: 30_000,
    });
    await holder.waitFor('held');
    holder.child.kill('SIGKILL');
    expect((await holder.done).signal).toBe('SIGKILL');
    const store = createSqliteStore({ path });
    expect(await store.listLeases('sync', t0)).toEqual([
      { name: 'sync', owner: 'dead', expiresAt: t0 + 30_000 },
    ]);
    expect(await store.tryAcquireLease('sync', 'survivor', 30_000, t0 + 29_999)).toBe(false);
    expect(await store.tryAcquireLease('sync', 'survivor', 30_000, t0 + 30_000)).toBe(true);
    await store.close();
  });

  it('two processes committing at the same time both succeed, without corruption', async () => {
    const { path } = await migratedFile();
    const commits = 12;
    const buckets = 2_000;
    const seen = 3_000;
    const results = await runWorkersTogether(
      ['alpha', 'beta'].map((prefix) => ({
        op: 'commitMany',
        store: { path },
        prefix,
        commits,
        buckets,
        seen,
      })),
    );
    expect(results).toEqual([{ commits }, { commits }]);
    const store = createSqliteStore({ path });
    for (const prefix of ['alpha', 'beta']) {
      const rows = await store.getBuckets({
        slo: `${prefix}-slo`,
        definition: 'd',
        from: 0,
        to: Number.MAX_VALUE,
      });
      expect(rows).toHaveLength(commits * buckets);
      const ids = Array.from(
        { length: commits * seen },
        (_, index) => `${Math.floor(index / seen)}-${index % seen}`,
      );
      expect((await store.filterSeen(prefix, ids)).size).toBe(commits * seen);
      expect((await store.getCursor(prefix))?.cursor).toBe(`cycle-${commits - 1}`);
    }
    const [shared] = await store.getAlertStates();
    expect(JSON.parse(shared!.state)).toMatchObject({ cycle: commits - 1 });
    await store.close();
    expect(integrity(path)).toBe('ok');
  });

  it('a process killed in the middle of a large commit leaves all or none of it', async () => {
    const path = join(freshDirectory(), 'state.db');
    const size = { buckets: 20_000, seen: 20_000 };
    await runWorker({ op: 'bigCommit', store: { path }, round: 0, ...size });
    const store = createSqliteStore({ path });
    await store.migrate();
    const written = async (round: number) => ({
      buckets: (
        await store.getBuckets({ slo: `round-${round}`, definition: 'd', from: 0, to: Number.MAX_VALUE })
      ).length,
      seen: (await store.filterSeen(`round-${round}`, ['id-0', `id-${size.seen - 1}`])).size,
      cursor: (await store.getCursor(`round-${round}`))?.cursor ?? null,
    });
    const all = (round: number) => ({ buckets: size.buckets, seen: 2, cursor: `cursor-${round}` });
    expect(await written(0)).toEqual(all(0));

    const walBytes = () => statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    // The worker kills itself as it is about to insert row N + 1 of the commit (buckets first, then seen ids): early,
    // once the commit's pages spill to the WAL file, at the last bucket, and among the seen ids.
    for (const [round, dieAfterRows] of [
      [1, 10],
      [2, 10_000],
      [3, size.buckets - 1],
      [4, size.buckets + 10_000],
    ] as const) {
      // Empty the WAL file, so what the commit wrote before it died shows as growth.
      const checkpoint = new Database(path);
      checkpoint.pragma('wal_checkpoint(TRUNCATE)');
      checkpoint.close();
      const result = await startWorker({ op: 'bigCommit', store: { path }, round, dieAfterRows, ...size })
        .done;
      expect(result.signal).toBe('SIGKILL');
      expect(result.stdout).toBe('committing\n');
      if (dieAfterRows >= 10_000) expect(walBytes(), 'uncommitted pages in the WAL').toBeGreaterThan(0);
      expect(await written(round)).toEqual({ buckets: 0, seen: 0, cursor: null });
      expect(await written(0)).toEqual(all(0));
    }

    // A clean rerun of a killed cycle then writes it whole.
    await runWorker({ op: 'bigCommit', store: { path }, round: 1, ...size });
    expect(await written(1)).toEqual(all(1));
    await store.close();
    expect(integrity(path)).toBe('ok');
  });
});
