import {
  buildHistoryReport,
  createMemorySource,
  createMemoryStateStore,
  type EvalRecord,
  resolveConfig,
} from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { runSync } from '../cycle/run-sync.js';
import { check } from './check.js';

const at = Date.parse('2026-11-26T14:00:00Z');
const minute = 60_000;

function config() {
  return resolveConfig(
    {
      sources: { prod: { type: 'memory' } },
      slos: [
        {
          name: 'success',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { op: 'gte', target: 0.9 },
          window: '1d',
          minSamples: 1,
        },
        {
          name: 'p95-latency',
          sli: { metric: 'latency_ms', aggregate: 'p95' },
          objective: { op: 'lte', target: 2500 },
          window: '1d',
          minSamples: 1,
        },
      ],
    },
    { baseDir: '/' },
  );
}

/** A day of records, one every 7 minutes, with deterministic latencies and a 1-in-9 error rate. */
function day(): EvalRecord[] {
  const records: EvalRecord[] = [];
  for (let index = 0; index < 200; index++) {
    records.push({
      id: `r${index}`,
      timestamp: new Date(at - index * 7 * minute).toISOString(),
      status: index % 9 === 0 ? 'error' : 'success',
      latency_ms: 400 + ((index * 7919) % 3000),
    });
  }
  return records;
}

describe('the history report over a synced day', () => {
  it('gives the value, samples and status for the same day through the one report builder, at the clock it was handed', async () => {
    const resolved = config();
    const checked = await check(resolved, {
      at: new Date(at),
      sources: { prod: createMemorySource('prod', day()) },
    });
    const store = createMemoryStateStore();
    const synced = await runSync({
      config: resolved,
      store,
      owner: 'test',
      now: new Date(at),
      sources: { prod: createMemorySource('prod', day()) },
    });
    const generatedAt = new Date('2026-11-26T14:00:05Z');
    const history = await buildHistoryReport(resolved, store, { now: new Date(at), days: 1, generatedAt });
    expect(history.generatedAt).toBe('2026-11-26T14:00:05.000Z');
    const pick = (slo: { value: number | null; samples: number; status: string }) => ({
      value: slo.value,
      samples: slo.samples,
      status: slo.status,
    });
    for (const name of ['success', 'p95-latency']) {
      const fromSync = synced.slos.find((slo) => slo.name === name)!;
      const fromHistory = history.slos.find((slo) => slo.name === name)!;
      expect(pick(fromHistory), name).toEqual(pick(fromSync));
    }
    const byName = (report: { slos: Array<{ name: string; value: number | null }> }, name: string) =>
      report.slos.find((slo) => slo.name === name)!.value!;
    expect(byName(history, 'success')).toBe(byName(checked, 'success'));
    // Stored buckets keep a DDSketch for percentiles: within its 1 % relative accuracy of check's exact value.
    const p95 = byName(history, 'p95-latency');
    expect(
      Math.abs(p95 - byName(checked, 'p95-latency')) / byName(checked, 'p95-latency'),
    ).toBeLessThanOrEqual(0.01);
    expect(history.slos[0]!.status).toBe('critical');
  });
});
