import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeaseLostError, SlokitError, type StateStoreV1 } from '@slokit/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewerSchemaError } from '../migrations/newer-schema-error.js';
import { runWorkersTogether } from '../test-support/run-worker.js';
import { startTestPostgres, type TestPostgres } from '../test-support/test-postgres.js';
import { testStateStore } from '../testing/index.js';
import { postgresMigrations, postgresMigrationsTable } from './postgres-migrations.js';
import { createPostgresStore } from './postgres-store.js';

// A real PostgreSQL server: SLOKIT_TEST_POSTGRES_URL, else a throwaway cluster (scripts/start-test-postgres.sh).
// Every test works in a schema of its own, chosen through the URL (`options=-c search_path=...`).

let server: TestPostgres | undefined;
/** Why there is no server: every test that needs one fails with it (a failure, never a skip). */
let unavailable: Error | undefined;
let admin: pg.Pool;
let counter = 0;
const t0 = Date.UTC(2026, 10, 26, 12);

interface RaceResult {
  attempts: number;
  acquisitions: number;
  refusals: number;
  renewals: number;
  violations: number;
}

beforeAll(async () => {
  try {
    server = startTestPostgres();
  } catch (error) {
    unavailable = error as Error;
    return;
  }
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
}, 120_000);

afterAll(async () => {
  await admin?.end();
  server?.stop();
}, 180_000);

/** A fresh, empty schema and the URL that works in it. */
async function freshSchema(): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  if (unavailable) throw unavailable;
  const schema = `slokit_test_${process.pid}_${++counter}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(server!.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

testStateStore('postgres', async () => {
  const { url, drop } = await freshSchema();
  return {
    store: createPostgresStore({ url }),
    reopen: async () => createPostgresStore({ url }),
    teardown: drop,
  };
});

describe('createPostgresStore', () => {
  it('has a PostgreSQL server to test against', async () => {
    if (unavailable) throw unavailable;
    expect((await admin.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('shows its URL without the password', () => {
    const store = createPostgresStore({
      url: 'postgres://slokit:s3cret@db.internal:5432/state?sslmode=require',
    });
    expect(store.kind).toBe('postgres');
    expect(store.location).toBe('postgres://slokit@db.internal:5432/state?sslmode=require');
  });

  it('fails to connect with a message naming the server, never the password', async () => {
    const store = createPostgresStore({ url: 'postgres://slokit:s3cret@127.0.0.1:1/state' });
    const failure = await store.migrate().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(SlokitError.isInstance(failure)).toBe(true);
    expect((failure as SlokitError).exitCode).toBe(3);
    expect((failure as Error).message).toContain('postgres://slokit@127.0.0.1:1/state');
    expect((failure as Error).message).not.toContain('s3cret');
    await store.close();
  });

  it('records its migrations and refuses a schema from a newer slokit', async () => {
    const { url, schema, drop } = await freshSchema();
    const store = createPostgresStore({ url });
    await store.migrate();
    await store.close();
    const applied = await admin.query(
      `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
    );
    expect(applied.rows).toEqual(postgresMigrations.map(({ version, name }) => ({ version, name })));
    await admin.query(`INSERT INTO ${schema}.schema_migrations VALUES (99, 'future', 0)`);
    const again = createPostgresStore({ url });
    await expect(again.migrate()).rejects.toBeInstanceOf(NewerSchemaError);
    await again.close();
    await drop();
  });

  it('upgrades a version-1 schema in place, keeping its buckets', async () => {
    const { url, schema, drop } = await freshSchema();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(postgresMigrationsTable);
    await client.query(postgresMigrations[0]!.sql);
    await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
      1,
      postgresMigrations[0]!.name,
      0,
    ]);
    await client.query(
      `INSERT INTO buckets (slo, definition, start, segment, count, good, sum, sum_squares, min, max, sketch)
       VALUES ('latency', 'd', 1000, '', 5, 4, 12.5, 40.25, 1, 4, NULL)`,
    );
    await client.end();
    const store = createPostgresStore({ url });
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
    const applied = await admin.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(applied.rows.map((row) => row.version)).toEqual(postgresMigrations.map(({ version }) => version));
    await drop();
  });

  it('answers every query of the contract from an index', async () => {
    const { url, drop } = await freshSchema();
    const store = createPostgresStore({ url });
    await store.migrate();
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Empty tables are cheapest to scan; forbid it to see which index the planner has.
    await client.query('SET enable_seqscan = off');
    const queries = [
      "SELECT * FROM buckets WHERE slo = 'a' AND definition = 'd' AND start >= 1 AND start < 2 ORDER BY start, segment",
      "SELECT id FROM seen WHERE source = 's' AND id = ANY('{a,b}'::text[])",
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
      const plan = (await client.query(`EXPLAIN ${sql}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan, sql).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
      expect(plan, sql).not.toMatch(/Seq Scan/);
    }
    await client.end();
    await drop();
  });

  it('uses a pool it is given and leaves it open', async () => {
    const { url, drop } = await freshSchema();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const store = createPostgresStore({ url, pool });
    await store.migrate();
    await store.commit({ cursors: [{ source: 's', cursor: 'c', watermark: 1, updatedAt: 2 }] });
    await store.close();
    expect((await pool.query('SELECT cursor FROM cursors')).rows).toEqual([{ cursor: 'c' }]);
    await pool.end();
    await drop();
  });

  it('writes 100,000 seen ids and 20,000 buckets in one commit', async () => {
    const { url, drop } = await freshSchema();
    const store = createPostgresStore({ url });
    await store.migrate();
    const ids = Array.from({ length: 100_000 }, (_, index) => `record-${index}`);
    await store.commit({
      seen: ids.map((id, index) => ({ source: 'prod', id, time: index })),
      buckets: Array.from({ length: 20_000 }, (_, index) => ({
        slo: 'latency',
        definition: 'd',
        segment: `s${index % 4}`,
        start: Math.floor(index / 4) * 300_000,
        count: index,
        good: 0,
        sum: index / 3,
        sumSquares: index,
        min: null,
        max: index,
        sketch: null,
        slices: 0,
        goodSlices: 0,
      })),
    });
    expect((await store.filterSeen('prod', ids)).size).toBe(100_000);
    const buckets = await store.getBuckets({
      slo: 'latency',
      definition: 'd',
      from: 0,
      to: Number.MAX_VALUE,
    });
    expect(buckets).toHaveLength(20_000);
    expect(buckets[19_999]?.sum).toBe(19_999 / 3);
    await store.close();
    await drop();
  });
});

describe('postgres: several workers on one database', () => {
  it('migrates a fresh schema from eight workers at once, each migration once', async () => {
    const { url, schema, drop } = await freshSchema();
    const stores = Array.from({ length: 8 }, () => createPostgresStore({ url }));
    await Promise.all(stores.map((store) => store.migrate()));
    await Promise.all(stores.map((store) => store.close()));
    const applied = await admin.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(applied.rows).toEqual(postgresMigrations.map(({ version }) => ({ version })));
    await drop();
  });

  it('eight clients racing for the same lease: exactly one wins, every round', async () => {
    const { url, drop } = await freshSchema();
    const stores: StateStoreV1[] = Array.from({ length: 8 }, () => createPostgresStore({ url }));
    await stores[0]!.migrate();
    const base = Date.UTC(2026, 0, 1);
    for (let round = 0; round < 30; round++) {
      // Even rounds race for a free lease, odd rounds to take over the expired lease of the previous round.
      const now = base + round * 60_000;
      const won = await Promise.all(
        stores.map((store, index) => store.tryAcquireLease('sync', `worker-${index}`, 60_000, now)),
      );
      expect(won.filter(Boolean), `round ${round}`).toHaveLength(1);
      const winner = won.indexOf(true);
      expect((await stores[0]!.listLeases('sync', now))[0]?.owner).toBe(`worker-${winner}`);
      if (round % 2 === 1) await stores[winner]!.releaseLease('sync', `worker-${winner}`);
    }
    await Promise.all(stores.map((store) => store.close()));
    await drop();
  });

  it('three processes racing for the sync lease: at most one holds it at any time', async () => {
    const { url, drop } = await freshSchema();
    const store = createPostgresStore({ url });
    await store.migrate();
    const directory = mkdtempSync(join(tmpdir(), 'slokit-postgres-race-'));
    const results = await runWorkersTogether<RaceResult>(
      ['worker-a', 'worker-b', 'worker-c'].map((owner) => ({
        op: 'leaseRace',
        store: { url },
        owner,
        attempts: 100,
        now: t0,
        ttlMs: 60_000,
        lockFile: join(directory, 'critical-section'),
      })),
    );
    rmSync(directory, { recursive: true, force: true });
    console.info(`postgres lease race, 3 processes, 100 attempts each: ${JSON.stringify(results)}`);
    // Mutual exclusion and progress overall; how the lease is shared among them is not promised.
    for (const result of results) {
      expect(result.violations).toBe(0);
      expect(result.renewals).toBe(result.acquisitions);
      expect(result.acquisitions + result.refusals).toBe(result.attempts);
    }
    expect(results.reduce((sum, result) => sum + result.acquisitions, 0)).toBeGreaterThan(0);
    expect(await store.listLeases('', t0)).toEqual([]);
    await store.close();
    await drop();
  }, 120_000);

  it('three processes taking a free lease at once: exactly one gets it', async () => {
    const { url, drop } = await freshSchema();
    const store = createPostgresStore({ url });
    await store.migrate();
    const results = await runWorkersTogether<{ owner: string; won: boolean }>(
      ['a', 'b', 'c'].map((owner) => ({ op: 'takeOnce', store: { url }, owner, now: t0, ttlMs: 60_000 })),
    );
    const winners = results.filter((result) => result.won);
    expect(winners).toHaveLength(1);
    expect((await store.listLeases('sync', t0))[0]?.owner).toBe(winners[0]!.owner);
    await store.close();
    await drop();
  }, 120_000);

  it('a takeover racing a commit: either the commit lands before it or fails with LeaseLostError, never half', async () => {
    const { url, drop } = await freshSchema();
    const old = createPostgresStore({ url });
    const successor = createPostgresStore({ url });
    await old.migrate();
    const base = Date.UTC(2026, 0, 1);
    const outcomes = { committedFirst: 0, leaseLost: 0 };
    for (let round = 0; round < 12; round++) {
      const now = base + round * 60_000;
      const slo = `round-${round}`;
      expect(await old.tryAcquireLease('sync', 'old', 10_000, now)).toBe(true);
      // The old worker commits right at its expiry as the successor takes the expired lease over.
      const writes = {
        lease: { name: 'sync', owner: 'old', now: now + 9_999 },
        buckets: Array.from({ length: 5_000 }, (_, index) => ({
          slo,
          definition: 'd',
          segment: '',
          start: index,
          count: 1,
          good: 1,
          sum: 1,
          sumSquares: 1,
          min: null,
          max: null,
          sketch: null,
          slices: 1,
          goodSlices: 1,
        })),
      };
      const [commit, takeover] = await Promise.allSettled([
        old.commit(writes),
        new Promise<boolean>((resolve, reject) =>
          setTimeout(
            () => successor.tryAcquireLease('sync', 'successor', 10_000, now + 10_000).then(resolve, reject),
            round % 4,
          ),
        ),
      ]);
      expect(takeover).toEqual({ status: 'fulfilled', value: true });
      const rows = (await successor.getBuckets({ slo, definition: 'd', from: 0, to: Number.MAX_VALUE }))
        .length;
      if (commit.status === 'fulfilled') {
        outcomes.committedFirst += 1;
        expect(rows).toBe(5_000);
      } else {
        outcomes.leaseLost += 1;
        expect(commit.reason).toBeInstanceOf(LeaseLostError);
        expect(rows).toBe(0);
      }
      await successor.releaseLease('sync', 'successor');
    }
    console.info(`postgres commit vs takeover, 12 rounds: ${JSON.stringify(outcomes)}`);
    expect(outcomes.committedFirst + outcomes.leaseLost).toBe(12);
    await old.close();
    await successor.close();
    await drop();
  });
});
