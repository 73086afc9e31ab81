import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SlokitError } from '@slokit/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { NewerSchemaError } from '../migrations/newer-schema-error.js';
import { testStateStore } from '../testing/index.js';
import { sqliteMigrations, sqliteMigrationsTable } from './sqlite-migrations.js';
import { createSqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'slokit-sqlite-store-'));
let counter = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

function freshPath(): string {
  counter += 1;
  return join(root, `state-${counter}`, '.slokit', 'state.db');
}

testStateStore('sqlite', async () => {
  const path = freshPath();
  return {
    store: createSqliteStore({ path }),
    reopen: async () => createSqliteStore({ path }),
    teardown: () => rmSync(join(path, '..', '..'), { recursive: true, force: true }),
  };
});

describe('createSqliteStore', () => {
  it('creates the directory and the file on first use, in WAL mode, and says where it is', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(path);
    expect(existsSync(path)).toBe(false);
    await store.migrate();
    expect(statSync(path).isFile()).toBe(true);
    await store.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const migrations = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(migrations).toEqual(sqliteMigrations.map(({ version, name }) => ({ version, name })));
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'alert_events',
      'alert_states',
      'buckets',
      'cursors',
      'evaluations',
      'leases',
      'outbox',
      'publish_log',
      'schema_migrations',
      'seen',
      'silences',
    ]);
    db.close();
  });

  it('answers every query of the contract from an index', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    await store.migrate();
    await store.close();
    const db = new Database(path, { readonly: true });
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join('; ');
    const queries = [
      "SELECT * FROM buckets WHERE slo = 'a' AND definition = 'd' AND start >= 1 AND start < 2 ORDER BY start, segment",
      "SELECT id FROM seen WHERE source = 's' AND id IN ('a', 'b')",
      "SELECT * FROM evaluations WHERE slo = 'a' AND at >= 1 AND at < 2 ORDER BY at, segment",
      'SELECT * FROM evaluations WHERE at >= 1 AND at < 2 ORDER BY at, slo, segment',
      'SELECT * FROM alert_events WHERE at >= 1 AND at < 2 ORDER BY at, seq',
      "SELECT * FROM alert_events WHERE slo = 'a' AND at >= 1 AND at < 2 ORDER BY at, seq",
      "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= 1 ORDER BY created_at, seq LIMIT 5",
      'SELECT * FROM publish_log WHERE at >= 1 AND at < 2 ORDER BY at, seq',
      'DELETE FROM seen WHERE time < 1',
      'DELETE FROM buckets WHERE start < 1',
    ];
    for (const sql of queries) {
      const detail = plan(sql);
      expect(detail, sql).toMatch(/^SEARCH \w+ USING (COVERING INDEX|INDEX|PRIMARY KEY)/);
      expect(detail, sql).not.toMatch(/\bSCAN\b/);
    }
    db.close();
  });

  it('upgrades a version-1 file in place, keeping its buckets', async () => {
    const path = freshPath();
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.exec(sqliteMigrationsTable);
    db.exec(sqliteMigrations[0]!.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      1,
      sqliteMigrations[0]!.name,
      0,
    );
    db.exec(`INSERT INTO buckets (slo, definition, start, segment, count, good, sum, sum_squares, min, max, sketch)
      VALUES ('latency', 'd', 1000, '', 5, 4, 12.5, 40.25, 1, 4, NULL)`);
    db.close();
    const store = createSqliteStore({ path });
    await store.migrate();
    expect(await store.getBuckets({ slo: 'latency', definition: 'd', from: 0, to: 2000 })).toEqual([
      {
        slo: 'latency',
        definition: 'd',
        segment: '',
        start: 1000,
        count: 5,
        good: 4,
        sum: 12.5,
        sumSquares: 40.25,
        min: 1,
        max: 4,
        sketch: null,
        slices: 0,
        goodSlices: 0,
      },
    ]);
    await store.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      sqliteMigrations.map((migration) => migration.version),
    );
    check.close();
  });

  it('refuses state migrated by a newer slokit', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    await store.migrate();
    await store.close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      99,
      'future',
      0,
    );
    db.close();
    const again = createSqliteStore({ path });
    const failure = await again.migrate().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NewerSchemaError);
    expect((failure as Error).message).toContain('schema version 99');
    expect((failure as Error).message).toContain(path);
    await again.close();
  });

  it('fails with a message naming the file when it cannot be created', async () => {
    // A directory where the file should be.
    const path = join(root, `blocked-${++counter}`, 'state.db');
    mkdirSync(path, { recursive: true });
    const broken = createSqliteStore({ path });
    const failure = await broken.migrate().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(SlokitError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain(path);
    await broken.close();
  });

  it('stores of one process on one file never wait on each other (a wait would block the event loop)', async () => {
    const path = freshPath();
    // A store that had to wait for another's transaction in this process would wait out the whole timeout and fail.
    const stores = [1, 2, 3].map(() => createSqliteStore({ path, busyTimeoutMs: 100 }));
    await Promise.all(stores.map((store) => store.migrate()));
    await Promise.all(
      stores.flatMap((store, index) => [
        store.commit({
          cursors: [{ source: `s${index}`, cursor: 'c', watermark: null, updatedAt: 1 }],
          seen: Array.from({ length: 2_000 }, (_, id) => ({ source: `s${index}`, id: `${id}`, time: 1 })),
        }),
        store.tryAcquireLease(`lease-${index}`, 'w', 1_000, 0),
        store.getCursor('s0'),
        store.prune({ seen: 0, buckets: 0, fineBuckets: 0, evaluations: 0, alertEvents: 0, outbox: 0 }),
      ]),
    );
    for (const [index, store] of stores.entries()) {
      expect((await store.getCursor(`s${(index + 1) % 3}`))?.cursor).toBe('c');
      expect(await store.listLeases('lease-', 0)).toHaveLength(3);
    }
    await Promise.all(stores.map((store) => store.close()));
  });

  it('keeps state in memory for :memory:', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    await store.commit({ cursors: [{ source: 's', cursor: 'c', watermark: null, updatedAt: 1 }] });
    expect((await store.getCursor('s'))?.cursor).toBe('c');
    expect(store.location).toBe(':memory:');
    await store.close();
  });
});
