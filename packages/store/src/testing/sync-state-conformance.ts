import type { SourceCursor, StateStoreV1 } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { bucket, exactNumbers, hour, longJson, minute, oddName, t0 } from './sample-rows.js';

/** What a sync resumes from: cursors, buckets and the record ids counted. */
export function describeSyncState({ useFreshState }: ConformanceContext): void {
  describe('cursors', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('returns undefined for a source never synced', async () => {
      expect(await store.getCursor('never')).toBeUndefined();
    });

    it('round-trips cursors with exact values and nulls', async () => {
      const cursors: SourceCursor[] = [
        { source: oddName, cursor: longJson('cursor', 50), watermark: t0 + 0.5, updatedAt: t0 + 1 },
        { source: 'file', cursor: null, watermark: null, updatedAt: t0 },
      ];
      await store.commit({ cursors });
      expect(await store.getCursor(oddName)).toEqual(cursors[0]);
      expect(await store.getCursor('file')).toEqual(cursors[1]);
      expect(await store.getCursor('FILE')).toBeUndefined();
    });

    it('upserts by source', async () => {
      await store.commit({ cursors: [{ source: 's', cursor: 'page-2', watermark: t0, updatedAt: t0 }] });
      await store.commit({
        cursors: [{ source: 's', cursor: null, watermark: t0 + hour, updatedAt: t0 + hour }],
      });
      expect(await store.getCursor('s')).toEqual({
        source: 's',
        cursor: null,
        watermark: t0 + hour,
        updatedAt: t0 + hour,
      });
    });
  });

  describe('buckets', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('round-trips every field exactly: fractions, large numbers, nulls, unicode, long sketches', async () => {
      const sketch = Buffer.from(longJson('sketch', 300)).toString('base64');
      const buckets = exactNumbers.map((value, index) =>
        bucket({
          slo: oddName,
          definition: `def ${oddName}`,
          segment: index % 2 === 0 ? '' : `segment ${oddName}`,
          start: t0 + index * 5 * minute,
          count: index === 2 ? 2 ** 40 : index + 1,
          good: index,
          sum: value,
          sumSquares: value * 3,
          min: index === 0 ? null : -value,
          max: index === 0 ? null : value,
          sketch: index === 1 ? null : sketch,
          slices: index * 288,
          goodSlices: index * 287,
        }),
      );
      await store.commit({ buckets });
      const read = await store.getBuckets({
        slo: oddName,
        definition: `def ${oddName}`,
        from: t0,
        to: t0 + hour,
      });
      expect(read).toEqual(buckets);
    });

    it('upserts by (slo, definition, segment, start): the cycle sends the merged bucket', async () => {
      await store.commit({
        buckets: [bucket(), bucket({ segment: 'gpt-4o' }), bucket({ definition: 'def-2' })],
      });
      const merged = bucket({
        count: 25,
        good: 24,
        sum: 4000.25,
        sumSquares: 9e9,
        min: 1,
        max: 999,
        sketch: null,
        slices: 12,
        goodSlices: 0,
      });
      await store.commit({ buckets: [merged] });
      expect(await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 })).toEqual([
        merged,
        bucket({ segment: 'gpt-4o' }),
      ]);
      expect(await store.getBuckets({ slo: 'latency', definition: 'def-2', from: t0, to: t0 + 1 })).toEqual([
        bucket({ definition: 'def-2' }),
      ]);
    });

    it('keeps the last row when one commit gives a key twice', async () => {
      await store.commit({ buckets: [bucket({ count: 1 }), bucket({ count: 2 }), bucket({ count: 3 })] });
      const read = await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 });
      expect(read.map((row) => row.count)).toEqual([3]);
    });

    it('answers from <= start < to, every segment, ordered by start, one SLO definition only', async () => {
      const step = 5 * minute;
      const rows = [4, 0, 3, 1, 2].flatMap((index) => [
        bucket({ start: t0 + index * step, segment: 'b', count: index }),
        bucket({ start: t0 + index * step, segment: 'a', count: index }),
      ]);
      await store.commit({
        buckets: [
          ...rows,
          bucket({ slo: 'other', start: t0 + step }),
          bucket({ definition: 'old', start: t0 + step }),
        ],
      });
      const read = await store.getBuckets({
        slo: 'latency',
        definition: 'def-1',
        from: t0 + step,
        to: t0 + 4 * step,
      });
      expect(read.map((row) => [row.start - t0, row.segment])).toEqual([
        [step, 'a'],
        [step, 'b'],
        [2 * step, 'a'],
        [2 * step, 'b'],
        [3 * step, 'a'],
        [3 * step, 'b'],
      ]);
      expect(await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 })).toEqual([]);
    });

    it('writes and reads thousands of buckets in one commit', async () => {
      const rows = Array.from({ length: 12_000 }, (_, index) =>
        bucket({ start: t0 + Math.floor(index / 3) * minute, segment: `s${index % 3}`, count: index }),
      );
      await store.commit({ buckets: rows });
      const read = await store.getBuckets({
        slo: 'latency',
        definition: 'def-1',
        from: 0,
        to: t0 + 10_000 * hour,
      });
      expect(read.length).toBe(12_000);
      expect(read[11_999]).toEqual(rows[11_999]);
    });
  });

  describe('seen record ids', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('reports nothing before anything was counted', async () => {
      expect(await store.filterSeen('s', [])).toEqual(new Set());
      expect(await store.filterSeen('s', ['a', 'b'])).toEqual(new Set());
    });

    it('answers which ids were counted, per source', async () => {
      const odd = ['', 'NULL', oddName, 'a,b', '{x}', 'x"y', 'back\\slash'];
      await store.commit({ seen: ['r1', 'r2', ...odd].map((id) => ({ source: 'prod', id, time: t0 })) });
      expect(await store.filterSeen('prod', ['r2', 'r3', 'r1', ...odd, 'null'])).toEqual(
        new Set(['r1', 'r2', ...odd]),
      );
      expect(await store.filterSeen('staging', ['r1', 'r2'])).toEqual(new Set());
    });

    it('ignores ids counted already, keeping their first time', async () => {
      await store.commit({
        seen: [
          { source: 's', id: 'x', time: t0 },
          { source: 's', id: 'x', time: t0 + 3 * hour },
        ],
      });
      await store.commit({ seen: [{ source: 's', id: 'x', time: t0 + 5 * hour }] });
      expect(await store.filterSeen('s', ['x'])).toEqual(new Set(['x']));
      await store.prune({
        seen: t0 + hour,
        buckets: 0,
        fineBuckets: 0,
        evaluations: 0,
        alertEvents: 0,
        outbox: 0,
      });
      expect(await store.filterSeen('s', ['x'])).toEqual(new Set());
    });

    it('filters tens of thousands of ids in one call', async () => {
      const counted = Array.from({ length: 25_000 }, (_, index) => `record-${index}`);
      await store.commit({ seen: counted.map((id, index) => ({ source: 's', id, time: t0 + index })) });
      const fresh = Array.from({ length: 6_000 }, (_, index) => `fresh-${index}`);
      const query = [...fresh, ...counted].sort(() => 0.5 - Math.random());
      const seen = await store.filterSeen('s', query);
      expect(seen.size).toBe(25_000);
      expect(seen).toEqual(new Set(counted));
    });
  });
}
