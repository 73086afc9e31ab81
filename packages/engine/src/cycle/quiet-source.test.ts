import {
  createMemorySource,
  createMemoryStateStore,
  type EvalRecord,
  resolveConfig,
} from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { runSync } from './run-sync.js';

const minute = 60_000;
const day = 86_400_000;
const dataEnd = Date.parse('2026-11-20T12:00:00Z');

/** 3,000 records, one every 20 s, ending at `dataEnd`: then the source goes quiet. */
function quietTraffic(): EvalRecord[] {
  return Array.from({ length: 3000 }, (_, index) => ({
    id: `q${index}`,
    timestamp: new Date(dataEnd - (3000 - index) * 20_000).toISOString(),
    status: index % 50 === 0 ? 'error' : 'success',
  }));
}

function quietSetup() {
  const config = resolveConfig(
    {
      sources: { weekly: { type: 'memory' } },
      sync: { overlap: '2h' },
      slos: [
        {
          name: 'availability',
          source: 'weekly',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { op: 'gte', target: 0.9 },
          window: '30d',
        },
      ],
    },
    { baseDir: '/' },
  );
  const store = createMemoryStateStore();
  const source = createMemorySource('weekly', quietTraffic());
  return { config, store, sources: { weekly: source } };
}

describe('a quiet source', () => {
  it('never counts a record twice, however far the clock runs past its newest record', async () => {
    const { config, store, sources } = quietSetup();
    const counted: number[] = [];
    const samples: number[] = [];
    // First sync a minute after the data, then a daemon every 5 minutes for hours, then across days of silence.
    const clocks = [
      dataEnd + minute,
      ...Array.from({ length: 40 }, (_, index) => dataEnd + (index + 1) * 5 * minute),
      ...Array.from({ length: 30 }, (_, index) => dataEnd + (index + 1) * 0.5 * day),
    ];
    for (const now of clocks) {
      const result = await runSync({ config, store, sources, owner: 'test', now: new Date(now) });
      counted.push(result.sources[0]!.counted);
      samples.push(result.slos[0]!.samples);
    }
    expect(counted[0]).toBe(3000);
    expect(counted.slice(1).every((count) => count === 0)).toBe(true);
    // The 30-day window holds each record once until the data ages out of it.
    const inWindow = clocks.map((now, index) => ({ now, samples: samples[index]! }));
    for (const { now, samples: held } of inWindow) {
      if (now - 30 * day < dataEnd - 3000 * 20_000) expect(held).toBe(3000);
    }
  });

  it('keeps the seen ids of the overlap before the oldest watermark when it prunes', async () => {
    const { config, store, sources } = quietSetup();
    await runSync({ config, store, sources, owner: 'test', now: new Date(dataEnd + minute) });
    // Days later, the overlap the next cycle re-reads is still known: nothing of it counts again.
    const later = await runSync({ config, store, sources, owner: 'test', now: new Date(dataEnd + 5 * day) });
    expect(later.sources[0]).toMatchObject({ read: 360, duplicates: 360, counted: 0 });
  });
});

describe('sync --since', () => {
  it('is refused before the record ids the state keeps, and --rebuild counts everything once from scratch', async () => {
    const { config, store, sources } = quietSetup();
    const now = dataEnd + 3 * day;
    await runSync({ config, store, sources, owner: 'test', now: new Date(dataEnd + minute) });
    await runSync({ config, store, sources, owner: 'test', now: new Date(now) });
    const early = new Date(dataEnd - 10 * day);
    const refused = runSync({ config, store, sources, owner: 'test', now: new Date(now), since: early });
    await expect(refused).rejects.toThrow(
      /--since 2026-11-10T12:00:00.000Z: earlier than the record ids this state keeps/,
    );
    await expect(refused).rejects.toMatchObject({ exitCode: 2 });
    const safe = await runSync({
      config,
      store,
      sources,
      owner: 'test',
      now: new Date(now),
      since: new Date(dataEnd - 2 * 3_600_000),
    });
    expect(safe.sources[0]).toMatchObject({ counted: 0 });
    const rebuilt = await runSync({
      config,
      store,
      sources,
      owner: 'test',
      now: new Date(now),
      since: early,
      rebuild: true,
    });
    expect(rebuilt.sources[0]).toMatchObject({ counted: 3000, duplicates: 0 });
    expect(rebuilt.slos[0]).toMatchObject({ samples: 3000 });
  });
});
