import {
  ConfigError,
  createMemorySource,
  type EvalSourceV1,
  InputError,
  type SlokitConfig,
} from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';

const at = '2026-11-26T14:00:00.000Z';
const atMs = Date.parse(at);
const minutesBefore = (minutes: number) => new Date(atMs - minutes * 60_000).toISOString();

function config(slos: SlokitConfig['slos']): SlokitConfig {
  return { version: 1, sources: { prod: { type: 'memory' } }, slos };
}

async function run(slos: SlokitConfig['slos'], records: unknown[], options: { strict?: boolean } = {}) {
  return check(config(slos), {
    at,
    sources: { prod: createMemorySource('prod', records) },
    now: () => new Date('2026-11-26T14:05:00.000Z'),
    ...options,
  });
}

describe('check', () => {
  it('counts a record when at - window < timestamp <= at', async () => {
    const records = [
      { timestamp: minutesBefore(60), latency_ms: 1 }, // exactly at the window start: excluded
      { timestamp: minutesBefore(59), latency_ms: 10 },
      { timestamp: at, latency_ms: 100 }, // exactly at `at`: included
      { timestamp: '2026-11-26T14:00:00.001Z', latency_ms: 1000 }, // after `at`: excluded
      { latency_ms: 5000 }, // no timestamp: only counts without a window
    ];
    const report = await run(
      [
        {
          name: 'windowed',
          sli: { metric: 'latency_ms', aggregate: 'sum' },
          objective: { target: 1e9 },
          window: '1h',
        },
        { name: 'all', sli: { metric: 'latency_ms', aggregate: 'sum' }, objective: { target: 1e9 } },
      ],
      records,
    );
    expect(report.slos[0]).toMatchObject({
      value: 110,
      samples: 2,
      window: '1h',
      windowStart: '2026-11-26T13:00:00.000Z',
    });
    expect(report.slos[1]).toMatchObject({ value: 6111, samples: 5, window: null, windowStart: null });
    expect(report.at).toBe(at);
    expect(report.generatedAt).toBe('2026-11-26T14:05:00.000Z');
  });

  it('computes exact percentiles, means with Student-t intervals and ratios with Wilson intervals', async () => {
    const records = Array.from({ length: 20 }, (_, index) => ({
      latency_ms: index + 1,
      status: index < 19 ? 'success' : 'error',
      scores: { accuracy: index % 4 !== 0 },
    }));
    const report = await run(
      [
        {
          name: 'p95',
          sli: { metric: 'latency_ms', aggregate: 'p95' },
          objective: { op: 'lte', target: 19 },
        },
        {
          name: 'median',
          sli: { metric: 'latency_ms', aggregate: 'median' },
          objective: { op: 'lte', target: 19 },
        },
        {
          name: 'accuracy',
          sli: { metric: 'scores.accuracy', aggregate: 'mean' },
          objective: { target: 0.7 },
        },
        {
          name: 'availability',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { target: 0.9 },
        },
      ],
      records,
    );
    const [p95, median, accuracy, availability] = report.slos;
    expect(p95?.value).toBeCloseTo(19.05, 12);
    expect(p95).toMatchObject({ status: 'critical', exact: true, interval: null, errorBudget: null });
    expect(median?.value).toBe(10.5);
    expect(accuracy?.value).toBe(0.75);
    expect(accuracy?.interval?.method).toBe('student-t');
    expect(accuracy?.interval?.lower).toBeLessThan(0.75);
    expect(accuracy?.interval?.upper).toBeGreaterThan(0.75);
    expect(availability).toMatchObject({ value: 0.95, samples: 20, status: 'ok' });
    expect(availability?.interval?.method).toBe('wilson');
    expect(availability?.errorBudget).toEqual({ allowed: 2, consumed: 1, remaining: 0.5 });
  });

  it('compares booleans as booleans and counts only records that have the field by default', async () => {
    const records = [
      { scores: { correct: true } },
      { scores: { correct: false } },
      { scores: { correct: true } },
      { scores: { other: 1 } },
      { metadata: { correct: 'true' } },
    ];
    const report = await run(
      [
        {
          name: 'correct',
          sli: { ratio: { good: { field: 'scores.correct', equals: true } } },
          objective: { target: 0.5 },
        },
        {
          name: 'explicit-total',
          sli: {
            ratio: {
              good: { field: 'scores.correct', equals: true },
              total: { field: 'scores', exists: true },
            },
          },
          objective: { target: 0.5 },
        },
      ],
      records,
    );
    expect(report.slos[0]).toMatchObject({ value: 2 / 3, samples: 3 });
    expect(report.slos[1]).toMatchObject({ value: 2 / 4, samples: 4 });
  });

  it('evaluates every segment of a groupBy as well as the whole', async () => {
    const records = [
      ...Array.from({ length: 10 }, () => ({ scores: { helpfulness: 0.9 }, metadata: { model: 'gpt-4o' } })),
      ...Array.from({ length: 10 }, () => ({
        scores: { helpfulness: 0.6 },
        metadata: { model: 'gpt-4o-mini' },
      })),
      { scores: { helpfulness: 0.8 } },
    ];
    const report = await run(
      [
        {
          name: 'helpfulness',
          sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
          objective: { target: 0.8, warning: 0.75, critical: 0.7 },
          groupBy: 'model', // a field that is not a record field reads metadata
        },
      ],
      records,
    );
    const slo = report.slos[0]!;
    expect(slo.value).toBeCloseTo((9 + 6 + 0.8) / 21, 12);
    expect(slo.groupBy).toBe('model');
    expect(slo.segments?.map((segment) => [segment.key, segment.status, segment.samples])).toEqual([
      ['(none)', 'ok', 1],
      ['gpt-4o', 'ok', 10],
      ['gpt-4o-mini', 'critical', 10],
    ]);
    // Segments do not count towards compliance.
    expect(report.complianceCounts).toEqual({ met: 0, counted: 1 });
  });

  it('computes compliance over SLOs with enough data only', async () => {
    const records = Array.from({ length: 5 }, () => ({ latency_ms: 100, cost_usd: 0.1 }));
    const report = await run(
      [
        { name: 'fast', sli: { metric: 'latency_ms', aggregate: 'mean' }, objective: { target: 200 } },
        {
          name: 'cheap',
          sli: { metric: 'cost_usd', aggregate: 'mean' },
          objective: { target: 0.05, critical: 0.2 },
        },
        {
          name: 'thin',
          sli: { metric: 'latency_ms', aggregate: 'mean' },
          objective: { target: 200 },
          minSamples: 10,
        },
        { name: 'empty', sli: { metric: 'scores.nothing', aggregate: 'mean' }, objective: { target: 1 } },
      ],
      records,
    );
    expect(report.slos.map((slo) => slo.status)).toEqual(['ok', 'at_risk', 'insufficient_data', 'no_data']);
    expect(report.slos[3]).toMatchObject({ value: null, samples: 0, interval: null });
    expect(report.compliance).toBe(0.5);
    expect(report.complianceCounts).toEqual({ met: 1, counted: 2 });
  });

  it('skips and counts invalid records, or fails on the first with strict', async () => {
    const records = [
      { latency_ms: 100 },
      { latency_ms: 'fast' },
      { latency_ms: -5 },
      { timestamp: 'yesterday', latency_ms: 1 },
      { latency_ms: 300 },
    ];
    const slos: SlokitConfig['slos'] = [
      { name: 'l', sli: { metric: 'latency_ms', aggregate: 'mean' }, objective: { target: 500 } },
    ];
    const report = await run(slos, records);
    expect(report.slos[0]).toMatchObject({ value: 200, samples: 2 });
    expect(report.sources[0]).toMatchObject({ name: 'prod', type: 'memory', records: 2, skipped: 3 });
    expect(report.sources[0]?.issues.map((issue) => [issue.line, issue.message])).toEqual([
      [2, 'latency_ms: expected a duration in milliseconds, found "fast"'],
      [3, 'latency_ms: expected a duration in milliseconds >= 0, found -5'],
      [4, 'timestamp: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found "yesterday"'],
    ]);
    await expect(run(slos, records, { strict: true })).rejects.toThrow(InputError);
  });

  it('uses the latest eval summary for evalMetric SLOs', async () => {
    const report = await check(
      {
        sources: { evals: { type: 'memory' } },
        slos: {
          accuracy: { target: 0.9, warning: 0.85 },
          missing: { target: 0.5 },
          stale: { target: 0.5, window: '1h' },
        },
      },
      {
        at,
        sources: {
          evals: createMemorySource('evals', [], {
            summary: { metrics: { accuracy: 0.87, stale: 0.9 }, samples: 200, timestamp: minutesBefore(120) },
          }),
        },
      },
    );
    expect(report.slos[0]).toMatchObject({
      name: 'accuracy',
      value: 0.87,
      samples: 200,
      status: 'at_risk',
      op: 'gte',
    });
    expect(report.slos[0]?.opInferred).toMatch(/thresholds below/);
    expect(report.slos[1]).toMatchObject({ status: 'no_data', value: null });
    expect(report.slos[1]?.notes).toContain(
      "the eval summary has no metric 'missing' (it has: accuracy, stale)",
    );
    expect(report.slos[2]).toMatchObject({ status: 'no_data' });
  });

  it('leaves the SLOs of a failed source without data, with the reason, while other sources evaluate', async () => {
    const broken: EvalSourceV1 = {
      specificationVersion: 'v1',
      name: 'prod',
      type: 'memory',
      // biome-ignore lint/correctness/useYield: a source that fails before yielding anything
      async *readRecords() {
        throw new Error('401 Unauthorized');
      },
    };
    const report = await check(
      {
        sources: { prod: { type: 'memory' }, evals: { type: 'memory' } },
        slos: [
          {
            name: 'l',
            source: 'prod',
            sli: { metric: 'latency_ms', aggregate: 'mean' },
            objective: { target: 1 },
          },
          {
            name: 'e',
            source: 'evals',
            sli: { metric: 'latency_ms', aggregate: 'mean' },
            objective: { target: 100 },
          },
        ],
      },
      { sources: { prod: broken, evals: createMemorySource('evals', [{ latency_ms: 50 }]) } },
    );
    expect(report.slos[0]).toMatchObject({
      status: 'no_data',
      value: null,
      notes: ["not evaluated: source 'prod': 401 Unauthorized"],
    });
    expect(report.slos[1]).toMatchObject({ status: 'ok', value: 50 });
    expect(report.sources.map((source) => [source.name, source.error])).toEqual([
      ['prod', "source 'prod': 401 Unauthorized"],
      ['evals', null],
    ]);
  });

  it('still fails outright on config and input errors', async () => {
    const records = [{ latency_ms: 'x' }];
    await expect(
      run(
        [{ name: 'l', sli: { metric: 'latency_ms', aggregate: 'mean' }, objective: { target: 1 } }],
        records,
        { strict: true },
      ),
    ).rejects.toMatchObject({ exitCode: 2 });
    await expect(
      check({
        sources: { prod: { type: 'memory' } },
        slos: [{ name: 'l', sli: { metric: 'latency_ms', aggregate: 'mean' }, objective: { target: 1 } }],
      }),
    ).rejects.toThrow(ConfigError);
  });

  it('fills every documented key of the JSON report', async () => {
    const report = await run(
      [{ name: 'l', sli: { metric: 'latency_ms', aggregate: 'p99.9' }, objective: { target: 1 } }],
      [],
    );
    expect(Object.keys(report).sort()).toEqual(
      [
        'at',
        'checkId',
        'compliance',
        'complianceCounts',
        'generatedAt',
        'schemaVersion',
        'slos',
        'sources',
      ].sort(),
    );
    expect(Object.keys(report.slos[0]!).sort()).toEqual(
      [
        'critical',
        'description',
        'errorBudget',
        'exact',
        'groupBy',
        'interval',
        'labels',
        'name',
        'notes',
        'op',
        'opInferred',
        'runbook',
        'samples',
        'segments',
        'sli',
        'source',
        'status',
        'target',
        'unit',
        'value',
        'warning',
        'window',
        'windowStart',
      ].sort(),
    );
    expect(report.slos[0]).toMatchObject({
      value: null,
      status: 'no_data',
      segments: null,
      warning: null,
      critical: null,
    });
    expect(report.compliance).toBeNull();
  });
});
