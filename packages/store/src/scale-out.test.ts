import {
  createMemorySource,
  type EvalRecord,
  resolveConfig,
  type StateStoreV1,
  type SyncResult,
} from '@slokit/core';
import { runSync } from '@slokit/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from './postgres/postgres-store.js';
import { startTestPostgres, type TestPostgres } from './test-support/test-postgres.js';

/** Several sync workers on one Postgres state share the sources by leases (the scale-out of `slokit sync`). */
const sourceNames = ['s1', 's2', 's3', 's4', 's5', 's6'];
const start = Date.parse('2026-11-26T00:00:00Z');
const minute = 60_000;

function records(source: string): EvalRecord[] {
  return Array.from({ length: 120 }, (_, index) => ({
    id: `${source}-${index}`,
    timestamp: new Date(start + index * minute + 1000).toISOString(),
    status: index % 10 === 0 ? 'error' : 'success',
  }));
}

const config = resolveConfig(
  {
    sources: Object.fromEntries(sourceNames.map((name) => [name, { type: 'memory' }])),
    slos: sourceNames.map((name) => ({
      name: `availability-${name}`,
      source: name,
      sli: { ratio: { good: { field: 'status', equals: 'success' } } },
      objective: { target: 0.95 },
      window: '1h',
    })),
  },
  { baseDir: '/tmp' },
);
const sources = Object.fromEntries(
  sourceNames.map((name) => [name, createMemorySource(name, records(name))]),
);

let postgres: TestPostgres;
const stores: StateStoreV1[] = [];
const worker = async () => {
  const store = createPostgresStore({ url: postgres.url });
  stores.push(store);
  await store.migrate();
  return store;
};

beforeAll(() => {
  postgres = startTestPostgres();
}, 120_000);

afterAll(async () => {
  for (const store of stores) await store.close();
  postgres?.stop();
});

describe('scale-out on Postgres', () => {
  it('syncs every source exactly once per cycle across workers, and takes over a dead worker within one cycle', async () => {
    const [a, b, c] = [await worker(), await worker(), await worker()];
    let wall = Date.now();
    const cycle = (store: StateStoreV1, owner: string, minutes: number) =>
      runSync({
        config,
        store,
        owner,
        scaleOut: true,
        now: new Date(start + minutes * minute),
        sources,
        leaseTtlMs: 60_000,
        wallClock: () => wall,
      });

    // Register all three, then run cycles until the rendezvous assignment has settled.
    let results: SyncResult[] = await Promise.all([cycle(a, 'a', 60), cycle(b, 'b', 60), cycle(c, 'c', 60)]);
    for (let minutes = 65; minutes <= 70; minutes += 5) {
      results = await Promise.all([cycle(a, 'a', minutes), cycle(b, 'b', minutes), cycle(c, 'c', minutes)]);
    }
    const syncedBy = (batch: SyncResult[]) =>
      Object.fromEntries(
        sourceNames.map((name) => [
          name,
          batch.flatMap((result, index) =>
            result.sources.some((source) => source.name === name && !source.ownedElsewhere)
              ? ['abc'[index]]
              : [],
          ),
        ]),
      );
    const settled = syncedBy(results);
    for (const name of sourceNames) expect(settled[name], name).toHaveLength(1);
    expect(
      new Set(Object.values(settled).flat()).size,
      'the work is spread over the workers',
    ).toBeGreaterThan(1);

    // Alert decisions: one evaluation per SLO per cycle.
    const evaluations = await a.getEvaluations({ from: start + 70 * minute, to: start + 70 * minute + 1 });
    expect(evaluations.map((row) => row.slo).sort()).toEqual(config.slos.map((slo) => slo.name).sort());

    // Worker c dies: its leases lapse; within one cycle a and b sync everything.
    wall += 61_000;
    results = await Promise.all([cycle(a, 'a', 75), cycle(b, 'b', 75)]);
    const after = syncedBy(results);
    for (const name of sourceNames) expect(after[name], name).toHaveLength(1);

    // No record was counted twice across workers and cycles.
    const counted = (await a.getEvaluations({ from: start + 75 * minute, to: start + 75 * minute + 1 })).find(
      (row) => row.slo === 'availability-s1',
    );
    expect(counted?.samples).toBe(60);
  }, 120_000);
});
