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

const helpfulness = (group: readonly GeneratedRecord[]) =>
  mean(
    group.flatMap((record) => (record.scores?.helpfulness === undefined ? [] : [record.scores.helpfulness])),
  );
const errorRate = (group: readonly GeneratedRecord[]) =>
  group.filter((record) => record.status === 'error').length / group.length;

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

  it('shows a degraded but not catastrophic last hour', () => {
    const hour = lastHour();
    const before = dayBefore();
    expect(helpfulness(hour)).toBeLessThan(helpfulness(before) - 0.08);
    expect(helpfulness(hour)).toBeGreaterThan(0.55);
    expect(errorRate(hour)).toBeGreaterThan(0.02);
    expect(errorRate(hour)).toBeLessThan(0.08);
    expect(errorRate(before)).toBeLessThan(0.01);
    const meanCost = mean(hour.map((record) => record.cost_usd));
    expect(meanCost).toBeGreaterThan(0.05);
    expect(meanCost).toBeLessThan(0.06);
    expect(new Set(hour.map((record) => record.metadata.prompt_version))).toEqual(new Set(['v13']));
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
