// Micro-benchmark of @slokit/store: 30 days of 5-minute buckets for 50 SLOs (432,000 rows) committed at once, one
// SLO's 30-day range read back, and a sync's 100,000 seen record ids written and filtered, on SQLite and Postgres.
//
//   npm run bench                        # from packages/store, after a build
//   SLOKIT_BENCH_POSTGRES_URL=postgres://... npm run bench   # a server of yours instead of a throwaway cluster
//
// Postgres: without SLOKIT_BENCH_POSTGRES_URL the bench starts a throwaway cluster with fsync on
// (scripts/start-test-postgres.sh --durable); without PostgreSQL installed it reports SQLite only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPostgresStore, createSqliteStore } from '../dist/index.js';

const slos = Number(process.env.SLOKIT_BENCH_SLOS ?? 50);
const days = 30;
const bucketMs = 5 * 60_000;
const bucketsPerSlo = (days * 86_400_000) / bucketMs;
const seenIds = 100_000;
const readRuns = 7;
const end = Date.UTC(2026, 10, 26);
const start = end - days * 86_400_000;
// A DDSketch at 1 % accuracy over a latency distribution is a few hundred bins: ~800 base64 characters.
const sketch = Buffer.from(Array.from({ length: 600 }, (_, index) => (index * 37) % 256)).toString('base64');
const scripts = fileURLToPath(new URL('../scripts/', import.meta.url));
const tty = process.stdout.isTTY;

function progress(message) {
  if (tty) process.stderr.write(`\r\x1b[K${message}`);
}

/** One in three SLOs is a percentile SLI (with a sketch), one a ratio (good counts), one a mean. */
function buckets() {
  const rows = [];
  for (let slo = 0; slo < slos; slo++) {
    const kind = slo % 3;
    for (let index = 0; index < bucketsPerSlo; index++) {
      const count = 25_000 + ((index * 7919 + slo) % 10_000);
      rows.push({
        slo: `slo-${String(slo).padStart(2, '0')}`,
        definition: `def-${slo}`,
        segment: '',
        start: start + index * bucketMs,
        count,
        good: kind === 1 ? count - (index % 50) : 0,
        sum: count * 812.5 + index / 3,
        sumSquares: count * 812.5 * 812.5 + index,
        min: kind === 1 ? null : 95 + (index % 13),
        max: kind === 1 ? null : 9_000 + (index % 1_000),
        sketch: kind === 0 ? sketch : null,
        slices: kind === 1 ? 0 : 1,
        goodSlices: kind === 1 ? 0 : index % 20 === 0 ? 0 : 1,
      });
    }
  }
  return rows;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(work) {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** Runs the workload on `store`; `size()` answers the bytes on disk afterwards. */
async function measure(store, size) {
  await store.migrate();
  const rows = buckets();
  progress(`${store.kind}: committing ${rows.length} buckets`);
  const commit = await time(() => store.commit({ buckets: rows }));
  const query = { slo: 'slo-00', definition: 'def-0', from: start, to: end };
  progress(`${store.kind}: reading`);
  const cold = await time(() => store.getBuckets(query));
  if (cold.result.length !== bucketsPerSlo) throw new Error(`read ${cold.result.length} buckets`);
  const reads = [];
  for (let run = 0; run < readRuns; run++) reads.push((await time(() => store.getBuckets(query))).ms);
  const ids = Array.from(
    { length: seenIds },
    (_, index) => `trace-${index.toString(36)}-${(index * 2654435761) % 1e9}`,
  );
  progress(`${store.kind}: seen ids`);
  const seenCommit = await time(() =>
    store.commit({ seen: ids.map((id, index) => ({ source: 'prod', id, time: start + index })) }),
  );
  const filter = await time(() => store.filterSeen('prod', ids));
  if (filter.result.size !== seenIds) throw new Error(`filterSeen found ${filter.result.size}`);
  await store.close();
  progress('');
  return {
    kind: store.kind,
    commitMs: commit.ms,
    rowsPerSecond: rows.length / (commit.ms / 1000),
    coldReadMs: cold.ms,
    readMs: median(reads),
    seenCommitMs: seenCommit.ms,
    filterSeenMs: filter.ms,
    bytes: await size(),
  };
}

async function sqlite() {
  const directory = mkdtempSync(join(tmpdir(), 'slokit-store-bench-'));
  const path = join(directory, '.slokit', 'state.db');
  try {
    return await measure(createSqliteStore({ path }), async () =>
      // After close the WAL is checkpointed into the file; count whatever is left beside it too.
      readdirSync(join(directory, '.slokit')).reduce(
        (total, file) => total + statSync(join(directory, '.slokit', file)).size,
        0,
      ),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function postgres() {
  let url = process.env.SLOKIT_BENCH_POSTGRES_URL;
  let stop = () => {};
  if (!url) {
    try {
      url = execFileSync('bash', [`${scripts}start-test-postgres.sh`, '--durable'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    } catch (error) {
      return {
        skipped: `no PostgreSQL server (apt-get install postgresql): ${String(error.stderr ?? error).trim()}`,
      };
    }
    const started = url;
    stop = () => execFileSync('bash', [`${scripts}stop-test-postgres.sh`, started], { stdio: 'ignore' });
  }
  const schema = `slokit_bench_${process.pid}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    return await measure(createPostgresStore({ url: scoped.toString() }), async () => {
      await admin.query(`VACUUM ANALYZE ${schema}.buckets`);
      await admin.query(`VACUUM ANALYZE ${schema}.seen`);
      const result = await admin.query(
        `SELECT sum(pg_total_relation_size(c.oid))::float8 AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      );
      return result.rows[0].bytes;
    });
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.end();
    stop();
  }
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const results = [await sqlite(), await postgres()];
console.log(
  `@slokit/store bench: ${slos} SLOs x ${days} days of 5-minute buckets = ${slos * bucketsPerSlo} rows ` +
    `(1 in 3 with a ${sketch.length}-character sketch) in one commit; one SLO's range = ${bucketsPerSlo} rows; ` +
    `${seenIds} seen ids; Node ${process.version}`,
);
console.log(
  'driver   | commit buckets         | read 1 SLO 30d (cold / median of 7) | commit 100k seen | filterSeen 100k | on disk',
);
for (const result of results) {
  if (result.skipped) {
    console.log(`postgres | skipped: ${result.skipped}`);
    continue;
  }
  console.log(
    [
      result.kind.padEnd(8),
      `${(result.commitMs / 1000).toFixed(2)} s (${Math.round(result.rowsPerSecond).toLocaleString('en-US')} rows/s)`.padEnd(
        22,
      ),
      `${result.coldReadMs.toFixed(1)} ms / ${result.readMs.toFixed(1)} ms`.padEnd(35),
      `${result.seenCommitMs.toFixed(0)} ms`.padEnd(16),
      `${result.filterSeenMs.toFixed(0)} ms`.padEnd(15),
      mb(result.bytes),
    ].join(' | '),
  );
}
