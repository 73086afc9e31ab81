import {
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
          window: '1h',
          minSamples: 1,
        },
      ],
    },
    { baseDir: '/' },
  );
}

async function both(records: EvalRecord[]) {
  const resolved = config();
  const checked = await check(resolved, {
    at: new Date(at),
    sources: { prod: createMemorySource('prod', records) },
  });
  const synced = await runSync({
    config: resolved,
    store: createMemoryStateStore(),
    owner: 'test',
    now: new Date(at),
    sources: { prod: createMemorySource('prod', records) },
  });
  return { checked: checked.slos[0]!, synced: synced.slos[0]!, report: checked };
}

describe('check and sync on the same data', () => {
  it('count a record id once', async () => {
    const records: EvalRecord[] = [
      { id: 'a', timestamp: new Date(at - 10 * minute).toISOString(), status: 'success' },
      { id: 'b', timestamp: new Date(at - 9 * minute).toISOString(), status: 'error' },
      { id: 'a', timestamp: new Date(at - 8 * minute).toISOString(), status: 'error' },
      { id: 'b', timestamp: new Date(at - 7 * minute).toISOString(), status: 'error' },
      { id: 'c', timestamp: new Date(at - 6 * minute).toISOString(), status: 'error' },
    ];
    const { checked, synced, report } = await both(records);
    expect(checked).toMatchObject({ samples: 3, value: 1 / 3 });
    expect(synced).toMatchObject({ samples: checked.samples, value: checked.value });
    expect(report.sources[0]).toMatchObject({ records: 5, duplicates: 2 });
  });

  it('draw the window edges alike: the start is out, the end is in', async () => {
    const records: EvalRecord[] = [
      { id: 'start', timestamp: new Date(at - 60 * minute).toISOString(), status: 'error' },
      { id: 'inside', timestamp: new Date(at - 30 * minute).toISOString(), status: 'success' },
      { id: 'end', timestamp: new Date(at).toISOString(), status: 'success' },
    ];
    const { checked, synced } = await both(records);
    expect(checked).toMatchObject({ samples: 2, value: 1 });
    expect(synced).toMatchObject({ samples: 2, value: 1 });
  });
});
