import {
  createMemorySource,
  createMemoryStateStore,
  HistoryView,
  resolveConfig,
  sliDefinition,
} from '@slokit/core/internal';
import { describe, expect, it } from 'vitest';
import { runSync } from './run-sync.js';

const start = Date.parse('2026-11-01T00:00:00Z');
const minute = 60_000;

describe('HistoryView', () => {
  it('answers every window from rollups exactly as from the 5-minute buckets they summarize', async () => {
    // Ten days, a record every 7 minutes, errors every 13th: sync them hour by hour so rollups build up incrementally.
    const records = Array.from({ length: (10 * 24 * 60) / 7 }, (_, index) => ({
      id: `r${index}`,
      timestamp: new Date(start + index * 7 * minute + 1234).toISOString(),
      status: index % 13 === 0 ? 'error' : 'success',
      latency_ms: 100 + ((index * 37) % 900),
    }));
    const config = resolveConfig(
      {
        sources: { prod: { type: 'memory' } },
        slos: [
          {
            name: 'availability',
            sli: { ratio: { good: { field: 'status', equals: 'success' } } },
            objective: { target: 0.9 },
            window: '7d',
          },
          {
            name: 'p90',
            sli: { metric: 'latency_ms', aggregate: 'p90' },
            objective: { op: 'lte', target: 850 },
            window: '7d',
          },
        ],
      },
      { baseDir: '/tmp' },
    );
    const store = createMemoryStateStore();
    const source = createMemorySource('prod', records);
    for (let at = start + 60 * minute; at <= start + 10 * 24 * 60 * minute; at += 60 * minute) {
      await runSync({ config, store, now: new Date(at), owner: 'test', sources: { prod: source } });
    }
    const at = start + 10 * 24 * 60 * minute - 17 * minute;
    for (const slo of config.slos) {
      const definition = sliDefinition(slo);
      const froms = ['5m', '30m', '1h', '6h', '1d', '3d', '7d'].map(
        (window) =>
          at -
          { m: minute, h: 60 * minute, d: 1440 * minute }[window.at(-1) as 'm']! *
            Number(window.slice(0, -1)),
      );
      const view = await HistoryView.load(store, { slo: slo.name, definition, at, froms });
      for (const from of froms) {
        const merged = view.merged('', from, view.to, slo.sli.kind === 'metric');
        // The same range straight from the records: hour-aligned start for windows longer than a day.
        const effectiveFrom =
          from >= view.fineStart
            ? Math.floor(from / (5 * minute)) * 5 * minute
            : Math.floor(from / (60 * minute)) * 60 * minute;
        const inRange = records.filter((record) => {
          const time = Date.parse(record.timestamp);
          return time >= effectiveFrom && time < view.to && time <= start + 10 * 24 * 60 * minute;
        });
        expect(merged.count, `${slo.name} from ${new Date(from).toISOString()}`).toBe(inRange.length);
        if (slo.sli.kind === 'ratio')
          expect(merged.good).toBe(inRange.filter((record) => record.status === 'success').length);
        else
          expect(merged.slices).toBe(
            new Set(inRange.map((record) => Math.floor(Date.parse(record.timestamp) / (5 * minute)))).size,
          );
      }
    }
  }, 180_000);
});
