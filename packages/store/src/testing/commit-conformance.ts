import { LeaseLostError, SlokitError, type StateStoreV1 } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { alertEvent, bucket, evaluation, hour, minute, outboxRow, silence, t0 } from './sample-rows.js';

/** Commits (all or nothing, guarded by a lease) and pruning. */
export function describeCommits({ useFreshState, openAnother }: ConformanceContext): void {
  describe('commit', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    const everything = () => ({
      cursors: [{ source: 'prod', cursor: 'cursor-9', watermark: t0, updatedAt: t0 }],
      buckets: Array.from({ length: 1_000 }, (_, index) => bucket({ start: t0 + index * minute })),
      seen: Array.from({ length: 2_000 }, (_, index) => ({ source: 'prod', id: `r${index}`, time: t0 })),
      evaluations: [evaluation()],
      alertStates: [{ slo: 'latency', segment: '', state: '{}', updatedAt: t0 }],
      alertEvents: [alertEvent()],
      outbox: [outboxRow()],
      publishes: [{ checkId: 'check-1', source: 'prod', target: 'langsmith', published: 1, at: t0 }],
    });

    async function expectWritten(expected: boolean, reader: StateStoreV1 = store): Promise<void> {
      const range = { from: 0, to: t0 + 10_000 * hour };
      const counts = [
        (await reader.getCursor('prod')) ? 1 : 0,
        (await reader.getBuckets({ slo: 'latency', definition: 'def-1', ...range })).length,
        (await reader.filterSeen('prod', ['r0', 'r1999'])).size,
        (await reader.getEvaluations(range)).length,
        (await reader.getAlertStates()).length,
        (await reader.getAlertEvents(range)).length,
        (await reader.getDueOutbox(t0 + hour, 100)).length,
        (await reader.getPublishLog(range)).length,
      ];
      expect(counts).toEqual(expected ? [1, 1_000, 2, 1, 1, 1, 1, 1] : [0, 0, 0, 0, 0, 0, 0, 0]);
    }

    it('writes nothing for an empty commit', async () => {
      await store.commit({});
      await store.commit({ buckets: [], seen: [], outbox: [] });
      await expectWritten(false);
    });

    it('writes every kind of row in one commit, visible to another store', async () => {
      await store.commit(everything());
      await expectWritten(true);
      await expectWritten(true, await openAnother());
    });

    it('writes nothing when a row fails late in the commit (all or nothing)', async () => {
      const writes = everything();
      // A NOT NULL column given null, in the last kind of rows written.
      writes.publishes.push({
        checkId: 'bad',
        source: 'prod',
        target: 'x',
        published: 1,
        at: null as unknown as number,
      });
      await expect(store.commit(writes)).rejects.toThrow();
      await expectWritten(false);
      await expectWritten(false, await openAnother());
      await store.commit(everything());
      await expectWritten(true);
    });

    it('refuses NaN (which SQLite cannot keep) and writes nothing; keeps infinities', async () => {
      const writes = everything();
      writes.buckets[999] = bucket({ start: t0 + 999 * minute, max: Number.NaN });
      await expect(store.commit(writes)).rejects.toThrow(/buckets\[999\]\.max: NaN/);
      await expectWritten(false);
      const infinite = bucket({ sum: Number.POSITIVE_INFINITY, sumSquares: Number.NEGATIVE_INFINITY });
      await store.commit({ buckets: [infinite] });
      expect(await store.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 })).toEqual([
        infinite,
      ]);
    });

    it('writes nothing when a row fails in the middle of a bulk write', async () => {
      const writes = everything();
      writes.buckets[500] = bucket({ start: t0 + 500 * minute, count: null as unknown as number });
      await expect(store.commit(writes)).rejects.toThrow();
      await expectWritten(false);
    });

    it('commits while the lease is held by its owner', async () => {
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
      await store.commit({ ...everything(), lease: { name: 'sync', owner: 'worker-a', now: t0 + 29_999 } });
      await expectWritten(true);
    });

    it('throws LeaseLostError and writes nothing when another worker took the lease over', async () => {
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
      const other = await openAnother();
      expect(await other.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 30_000)).toBe(true);
      const failure = await store
        .commit({ ...everything(), lease: { name: 'sync', owner: 'worker-a', now: t0 + 30_001 } })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(LeaseLostError);
      expect(SlokitError.isInstance(failure)).toBe(true);
      expect((failure as LeaseLostError).lease).toBe('sync');
      await expectWritten(false);
      await other.commit({ ...everything(), lease: { name: 'sync', owner: 'worker-b', now: t0 + 30_002 } });
      await expectWritten(true);
    });

    it('throws LeaseLostError when the lease expired, was released or was never taken', async () => {
      const commitAs = (owner: string, now: number) =>
        store.commit({ ...everything(), lease: { name: 'sync', owner, now } });
      await expect(commitAs('worker-a', t0)).rejects.toBeInstanceOf(LeaseLostError);
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
      await expect(commitAs('worker-a', t0 + 30_000)).rejects.toBeInstanceOf(LeaseLostError);
      await expect(commitAs('worker-b', t0 + 1)).rejects.toBeInstanceOf(LeaseLostError);
      await store.releaseLease('sync', 'worker-a');
      await expect(commitAs('worker-a', t0 + 1)).rejects.toBeInstanceOf(LeaseLostError);
      await expectWritten(false);
    });
  });

  describe('prune', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('drops each kind of row before its own cutoff (5-minute buckets at fineBuckets), keeping pending deliveries', async () => {
      const cut = {
        seen: t0 + 1 * hour,
        buckets: t0 + 2 * hour,
        fineBuckets: t0 + 6 * hour,
        evaluations: t0 + 3 * hour,
        alertEvents: t0 + 4 * hour,
      };
      const outboxCut = t0 + 5 * hour;
      const times = (cutoff: number) => [cutoff - 1, cutoff];
      await store.commit({
        cursors: [{ source: 'prod', cursor: null, watermark: 0, updatedAt: 0 }],
        seen: times(cut.seen).map((time) => ({ source: 's', id: `id-${time}`, time })),
        buckets: [
          // 5-minute buckets go at `fineBuckets`, rollups (`:1h`, `:1d`) at `buckets`.
          ...[cut.buckets - 1, ...times(cut.fineBuckets)].map((start) => bucket({ start })),
          ...[cut.buckets - 1, cut.buckets, cut.fineBuckets - 1].map((start) =>
            bucket({ definition: 'def-1:1h', start }),
          ),
          bucket({ definition: 'def-1:1d', start: cut.fineBuckets - 1 }),
        ],
        evaluations: times(cut.evaluations).map((at) => evaluation({ at })),
        alertEvents: times(cut.alertEvents).map((at) => alertEvent({ id: `e-${at}`, at })),
        alertStates: [{ slo: 'latency', segment: '', state: '{}', updatedAt: 0 }],
        outbox: [
          outboxRow({ id: 'old-sent', createdAt: outboxCut - 1, status: 'sent' }),
          outboxRow({ id: 'old-failed', createdAt: outboxCut - 1, status: 'failed' }),
          outboxRow({ id: 'old-pending', createdAt: outboxCut - 1, status: 'pending', nextAttemptAt: 0 }),
          outboxRow({ id: 'kept-sent', createdAt: outboxCut, status: 'sent' }),
        ],
        publishes: [{ checkId: 'c', source: 'prod', target: 'x', published: 1, at: 0 }],
      });
      await store.addSilence(silence({ startsAt: 0, endsAt: 1 }));
      await store.tryAcquireLease('sync', 'w', 10 * hour, t0);

      await store.prune({ ...cut, outbox: outboxCut });

      expect(await store.filterSeen('s', [`id-${cut.seen - 1}`, `id-${cut.seen}`])).toEqual(
        new Set([`id-${cut.seen}`]),
      );
      const all = { from: 0, to: t0 + 100 * hour };
      const starts = async (definition: string) =>
        (await store.getBuckets({ slo: 'latency', definition, ...all })).map((row) => row.start);
      expect(await starts('def-1')).toEqual([cut.fineBuckets]);
      expect(await starts('def-1:1h')).toEqual([cut.buckets, cut.fineBuckets - 1]);
      expect(await starts('def-1:1d')).toEqual([cut.fineBuckets - 1]);
      expect((await store.getEvaluations(all)).map((row) => row.at)).toEqual([cut.evaluations]);
      expect((await store.getAlertEvents(all)).map((row) => row.at)).toEqual([cut.alertEvents]);
      expect((await store.getDueOutbox(t0 + 100 * hour, 10)).map((row) => row.id)).toEqual(['old-pending']);
      // Delivered rows are not due, so make them due again: only the one at the cutoff is still there.
      for (const id of ['old-sent', 'old-failed', 'kept-sent']) {
        await store.updateOutbox({ id, status: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null });
      }
      expect((await store.getDueOutbox(t0 + 100 * hour, 10)).map((row) => row.id).sort()).toEqual([
        'kept-sent',
        'old-pending',
      ]);
      expect(await store.getCursor('prod')).toBeDefined();
      expect(await store.getAlertStates()).toHaveLength(1);
      expect(await store.getPublishLog(all)).toHaveLength(1);
      expect(await store.listSilences()).toHaveLength(1);
      expect(await store.listLeases('sync', t0)).toHaveLength(1);
    });
  });
}
