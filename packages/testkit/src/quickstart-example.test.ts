import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedRecord } from './generated-record.js';
import { writeQuickstartExample } from './quickstart-example.js';

const committedDir = fileURLToPath(new URL('../../../examples/quickstart/data/', import.meta.url));

let dir: string;
let records: GeneratedRecord[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'testkit-quickstart-'));
  await writeQuickstartExample(dir);
  const text = await readFile(join(dir, 'records.jsonl'), 'utf8');
  records = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as GeneratedRecord);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function lastHour(): GeneratedRecord[] {
  return records.filter((record) => record.timestamp >= '2026-11-26T13:00');
}

function dayBefore(): GeneratedRecord[] {
  return records.filter((record) => record.timestamp < '2026-11-26T12:30');
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

const models = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4'];

function byModel(group: readonly GeneratedRecord[], model: string): GeneratedRecord[] {
  return group.filter((record) => record.metadata.model === model);
}

function helpfulness(group: readonly GeneratedRecord[]): number {
  return mean(
    group.flatMap((record) => (record.scores?.helpfulness === undefined ? [] : [record.scores.helpfulness])),
  );
}

function accuracy(group: readonly GeneratedRecord[]): number {
  return mean(
    group.flatMap((record) =>
      record.scores?.accuracy === undefined ? [] : [record.scores.accuracy ? 1 : 0],
    ),
  );
}

function errorRate(group: readonly GeneratedRecord[]): number {
  return group.filter((record) => record.status === 'error').length / group.length;
}

/** Nearest-rank P95. */
function p95Latency(group: readonly GeneratedRecord[]): number {
  const sorted = group.map((record) => record.latency_ms).sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

describe('writeQuickstartExample', () => {
  it('regenerates byte for byte the data committed in examples/quickstart/data (run `npm run example-data` after changing the generator)', async () => {
    for (const file of ['records.jsonl', 'eval-summary.json']) {
      const regenerated = await readFile(join(dir, file));
      const committed = await readFile(join(committedDir, file));
      expect(regenerated.equals(committed), `${file} differs from the committed copy`).toBe(true);
    }
  });

  it('covers the 24 hours before 2026-11-26T14:00Z at about 4 requests a minute, in under 3 MB', async () => {
    expect(records[0]!.timestamp >= '2026-11-25T14:00:00.000Z').toBe(true);
    expect(records.at(-1)!.timestamp < '2026-11-26T14:00:00.000Z').toBe(true);
    expect(records.length / 1440).toBeGreaterThan(3.5);
    expect(records.length / 1440).toBeLessThan(4.5);
    const size = (await readFile(join(dir, 'records.jsonl'))).length;
    expect(size).toBeLessThan(3_000_000);
  });

  // The bands are those of examples/quickstart/slokit.yaml: healthy all day, then warnings but nothing critical
  // in the hour the quickstart checks.
  it('is healthy until the v13 rollout at 12:30', () => {
    const before = dayBefore();
    expect(accuracy(before)).toBeGreaterThan(0.9);
    for (const model of models) expect(helpfulness(byModel(before, model))).toBeGreaterThan(0.8);
    expect(p95Latency(before)).toBeLessThan(2000);
    expect(errorRate(before)).toBeLessThan(0.005);
    expect(mean(before.map((record) => record.cost_usd))).toBeLessThan(0.035);
  });

  it('shows a degraded but not catastrophic last hour', () => {
    const hour = lastHour();
    expect(accuracy(hour)).toBeGreaterThan(0.85);
    expect(accuracy(hour)).toBeLessThan(0.9);
    for (const model of models) {
      expect(helpfulness(byModel(hour, model))).toBeGreaterThan(0.7);
      expect(helpfulness(byModel(hour, model))).toBeLessThan(0.8);
    }
    expect(p95Latency(hour)).toBeGreaterThan(2000);
    expect(p95Latency(hour)).toBeLessThan(3000);
    expect(errorRate(hour)).toBeGreaterThan(0.015);
    expect(errorRate(hour)).toBeLessThan(0.05);
    const meanCost = mean(hour.map((record) => record.cost_usd));
    expect(meanCost).toBeGreaterThan(0.05);
    expect(meanCost).toBeLessThan(0.055);
    expect(new Set(hour.map((record) => record.metadata.prompt_version))).toEqual(new Set(['v13']));
    // The whole day still meets 99.5 % availability, with most of the error budget spent.
    expect(errorRate(records)).toBeGreaterThan(0.004);
    expect(errorRate(records)).toBeLessThanOrEqual(0.005);
  });

  it('writes the offline eval summary in the documented shape', async () => {
    const summary = JSON.parse(await readFile(join(dir, 'eval-summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(['metrics', 'samples', 'name', 'timestamp']);
    expect(Object.keys(summary.metrics)).toEqual(['accuracy', 'helpfulness', 'faithfulness']);
    expect(summary).toMatchObject({
      samples: 200,
      name: 'support-bot-eval-2026-11-26',
      timestamp: '2026-11-26T13:30:00.000Z',
    });
  });
});
