// Measures sync scale-out on Postgres: the same cycle with 1, 2 and 4 workers sharing 8 sources by leases.
//
//   node bench/scale-out-bench.mjs [--json]
//
// Each source serves 20 pages of 500 records and waits 25 ms per page, like a tracker API's round trip (the pull is
// I/O bound, which is what more workers help with). Workers run concurrently in this process, each with its own
// Postgres pool, as they would on separate machines. Needs Debian's postgresql (a throwaway cluster is started) or
// SLOKIT_TEST_POSTGRES_URL.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveConfig, runSync } from '@slokit/core';
import { createPostgresStore } from '../dist/index.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
const scripts = fileURLToPath(new URL('../scripts/', import.meta.url));
const url =
  process.env.SLOKIT_TEST_POSTGRES_URL ??
  execFileSync('bash', [`${scripts}start-test-postgres.sh`], { encoding: 'utf8' }).trim();
const started = !process.env.SLOKIT_TEST_POSTGRES_URL;

const sourceNames = Array.from({ length: 8 }, (_, index) => `source-${index + 1}`);
const pages = 20;
const pageSize = 500;
const latencyMs = 25;
const at = Date.parse('2026-11-26T12:00:00Z');

function slowSource(name) {
  return {
    specificationVersion: 'v1',
    name,
    type: 'emulated',
    async *readRecords() {
      for (let page = 0; page < pages; page++) {
        await new Promise((resolve) => setTimeout(resolve, latencyMs));
        const records = [];
        const times = [];
        for (let index = 0; index < pageSize; index++) {
          const time = at - 3_600_000 + (page * pageSize + index) * 300 + 1;
          records.push({
            id: `${name}-${page}-${index}`,
            timestamp: new Date(time).toISOString(),
            status: index % 50 === 0 ? 'error' : 'success',
            latency_ms: 100 + index,
            source: name,
          });
          times.push(time);
        }
        yield { records, times, issues: [], cursor: String(page) };
      }
    },
  };
}

const config = resolveConfig(
  {
    sources: Object.fromEntries(sourceNames.map((name) => [name, { type: 'emulated' }])),
    slos: sourceNames.map((name) => ({
      name: `availability-${name}`,
      source: name,
      sli: { ratio: { good: { field: 'status', equals: 'success' } } },
      objective: { target: 0.99 },
      window: '1h',
    })),
  },
  { baseDir: '/tmp' },
);

async function measure(workerCount, schema) {
  const stores = [];
  for (let index = 0; index < workerCount; index++) {
    const store = createPostgresStore({
      url: `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`,
    });
    stores.push(store);
  }
  await stores[0].migrate();
  for (const store of stores.slice(1)) await store.migrate();
  const sources = Object.fromEntries(sourceNames.map((name) => [name, slowSource(name)]));
  // A registration cycle so every worker knows the others, on a throwaway time.
  // Two warm-up cycles: every worker registers, and sources held from before are handed over to their workers.
  for (let round = 0; round < 2; round++) {
    await Promise.all(
      stores.map((store, index) =>
        runSync({
          config,
          store,
          owner: `w${index}`,
          scaleOut: true,
          now: new Date(at - 86_400_000),
          sources,
          dryRun: true,
        }),
      ),
    );
  }
  const begin = performance.now();
  const results = await Promise.all(
    stores.map((store, index) =>
      runSync({ config, store, owner: `w${index}`, scaleOut: true, now: new Date(at), sources }),
    ),
  );
  const seconds = (performance.now() - begin) / 1000;
  const counted = results
    .flatMap((result) => result.sources)
    .reduce((sum, source) => sum + source.counted, 0);
  for (const store of stores) await store.close();
  return { workers: workerCount, seconds, counted, recordsPerSecond: counted / seconds };
}

const admin = createPostgresStore({ url });
await admin.migrate();
await admin.close();
const { default: pg } = await import('pg');
const client = new pg.Client({ connectionString: url });
await client.connect();
const rows = [];
for (const workers of [1, 2, 4]) {
  const schema = `scale_out_${workers}_${Date.now()}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  rows.push(await measure(workers, schema));
}
await client.end();
if (started) execFileSync('bash', [`${scripts}stop-test-postgres.sh`, url]);

const expected = sourceNames.length * pages * pageSize;
for (const row of rows)
  if (row.counted !== expected)
    throw new Error(`${row.workers} worker(s) counted ${row.counted}, expected ${expected}`);
if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else {
  process.stdout.write(
    `slokit sync scale-out on Postgres: ${sourceNames.length} sources x ${(pages * pageSize).toLocaleString('en-US')} records, ${latencyMs} ms per page of ${pageSize}\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `  ${row.workers} worker(s): ${row.seconds.toFixed(2)} s, ${Math.round(row.recordsPerSecond).toLocaleString('en-US')} records/s (${(row.recordsPerSecond / rows[0].recordsPerSecond).toFixed(2)}x one worker)\n`,
    );
  }
}
