// Benchmarks `slokit sync` evaluating SLOs from history alone: 50 SLOs with 30-day windows over a SQLite state that
// holds 30 days of 5-minute buckets as 100 requests/s would leave them, plus the state's size on disk.
//
//   node bench/sync-bench.mjs [--slos 50] [--days 30] [--json]    (or: npm run bench, from the repository root)
//
// The buckets are written directly (generating 259 million records would measure the generator, not sync); each
// holds the counts of 30,000 requests, and percentile SLOs a histogram of as many distinct 1 % buckets as real
// latencies fill. The measured cycle reads no new records: its time is evaluation from history, budgets, burn rates
// and the alert policy, for every SLO.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMemorySource, LogHistogram, resolveConfig, runSync, sliDefinition } from '@slokit/core';
import { createSqliteStore } from '@slokit/store';

const { values } = parseArgs({
  options: {
    slos: { type: 'string', default: '50' },
    days: { type: 'string', default: '30' },
    json: { type: 'boolean' },
  },
});
const sloCount = Number(values.slos);
const days = Number(values.days);
const quiet = Boolean(process.env.CI) || values.json || !process.stdout.isTTY;
const log = (line) => quiet || process.stderr.write(`${line}\n`);

const bucketMs = 5 * 60_000;
const now = Date.parse('2026-11-26T00:00:00Z');
const perBucket = 100 * 300; // 100 requests/s for 5 minutes

const slos = Array.from({ length: sloCount }, (_, index) => {
  const kind = index % 5;
  if (kind === 0)
    return {
      name: `p95-latency-${index}`,
      sli: { metric: 'latency_ms', aggregate: 'p95' },
      objective: { op: 'lte', target: 3000 },
      window: `${days}d`,
    };
  if (kind === 1)
    return {
      name: `p99-latency-${index}`,
      sli: { metric: 'latency_ms', aggregate: 'p99' },
      objective: { op: 'lte', target: 8000 },
      window: `${days}d`,
    };
  if (kind === 2)
    return {
      name: `availability-${index}`,
      sli: { ratio: { good: { field: 'status', equals: 'success' } } },
      objective: { op: 'gte', target: 0.995 },
      window: `${days}d`,
    };
  if (kind === 3)
    return {
      name: `helpfulness-${index}`,
      sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
      objective: { op: 'gte', target: 0.8 },
      window: `${days}d`,
    };
  return {
    name: `cost-${index}`,
    sli: { metric: 'cost_usd', aggregate: 'mean' },
    objective: { op: 'lte', target: 0.05 },
    window: `${days}d`,
  };
});
const dir = await mkdtemp(join(tmpdir(), 'slokit-sync-bench-'));
const config = resolveConfig(
  { sources: { prod: { type: 'memory' } }, slos, store: { path: join(dir, 'state.db') } },
  { baseDir: dir },
);

// One latency histogram shape with the distinct keys 30,000 real latencies fill, reused with small shifts.
const latencyHistogram = (shift) => {
  const histogram = new LogHistogram();
  for (let value = 200 * shift; value < 30_000; value *= 1.02)
    histogram.add(value, Math.max(1, Math.round((perBucket * Math.exp(-((Math.log(value) - 7) ** 2))) / 60)));
  return histogram.serialize();
};
const histograms = [latencyHistogram(1), latencyHistogram(1.05), latencyHistogram(0.95)];

const store = createSqliteStore({ path: config.store.path });
await store.migrate();
const writeStarted = performance.now();
// What sync keeps: 5-minute buckets for the last two days, hourly and daily rollups for the whole window.
const resolutions = [
  { suffix: '', size: bucketMs, span: 2 * 86_400_000 },
  { suffix: ':1h', size: 3_600_000, span: days * 86_400_000 },
  { suffix: ':1d', size: 86_400_000, span: days * 86_400_000 },
];
let bucketCount = 0;
for (const slo of config.slos) {
  const rows = [];
  for (const { suffix, size, span } of resolutions) {
    const slices = size / bucketMs;
    const weight = perBucket * slices;
    for (let index = 0; index < span / size; index++) {
      const start = now - (index + 1) * size;
      const percentile = slo.sli.kind === 'metric' && slo.sli.quantile !== undefined;
      rows.push({
        slo: slo.name,
        definition: `${sliDefinition(slo)}${suffix}`,
        segment: '',
        start,
        count: weight,
        good: slo.sli.kind === 'ratio' ? weight - (index % 97) : 0,
        sum: slo.sli.kind === 'metric' ? weight * (slo.sli.metric === 'cost_usd' ? 0.03 : 0.85) : 0,
        sumSquares: slo.sli.kind === 'metric' ? weight * 0.75 : 0,
        min: slo.sli.kind === 'metric' ? 0.01 : null,
        max: slo.sli.kind === 'metric' ? 29_000 : null,
        sketch: percentile ? histograms[index % 3] : null,
        slices: slo.sli.kind === 'metric' ? slices : 0,
        goodSlices: slo.sli.kind === 'metric' ? slices - (index % 5 === 0 ? 1 : 0) : 0,
      });
    }
  }
  bucketCount = rows.length;
  await store.commit({ buckets: rows });
}
const writeSeconds = (performance.now() - writeStarted) / 1000;
log(
  `wrote ${(bucketCount * sloCount).toLocaleString('en-US')} buckets and rollups in ${writeSeconds.toFixed(1)} s`,
);

// The cursor says everything up to now was read: the cycle reads nothing new.
await store.commit({ cursors: [{ source: 'prod', cursor: null, watermark: now, updatedAt: now }] });
const source = createMemorySource('prod', []);
const timings = [];
let result;
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  result = await runSync({ config, store, now: new Date(now), owner: 'bench', sources: { prod: source } });
  timings.push((performance.now() - started) / 1000);
}
timings.sort((a, b) => a - b);
const evaluated = result.slos.filter((slo) => slo.samples > 0).length;
if (evaluated !== sloCount) throw new Error(`only ${evaluated} of ${sloCount} SLOs had data`);
await store.close();
const bytes =
  (await stat(config.store.path)).size +
  (await stat(`${config.store.path}-wal`).catch(() => ({ size: 0 }))).size;
const report = {
  slos: sloCount,
  windowDays: days,
  rowsPerSlo: bucketCount,
  requestsPerSecond: 100,
  cycleSeconds: { median: timings[1], min: timings[0], max: timings[2] },
  stateBytes: bytes,
  target: 'evaluating every SLO from history well under a second',
  pass: timings[1] < 1,
};
await rm(dir, { recursive: true, force: true });
if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  process.stdout.write(
    [
      `slokit sync from history (node ${process.version}, median of 3 cycles)`,
      `  ${sloCount} SLOs, ${days}-day windows, 100 requests/s: ${bucketCount.toLocaleString('en-US')} buckets and rollups each (5-minute for 2 days, hourly and daily for ${days} days)`,
      `  one cycle, no new records: ${timings[1].toFixed(3)} s (min ${timings[0].toFixed(3)}, max ${timings[2].toFixed(3)})`,
      `  state on disk: ${(bytes / 1e6).toFixed(1)} MB`,
      `  ${report.pass ? 'PASS' : 'FAIL'}  ${report.target}`,
      '',
    ].join('\n'),
  );
}
