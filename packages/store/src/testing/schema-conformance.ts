import type { StateStoreV1 } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { bucket, silence, t0 } from './sample-rows.js';

/** The schema: migrations, closing, and state that outlives its store. */
export function describeSchema({ useFreshState, openAnother }: ConformanceContext): void {
  describe('schema', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: false }, (fresh) => {
      store = fresh;
    });

    it('declares the v1 contract and a printable location', () => {
      expect(store.specificationVersion).toBe('v1');
      expect(store.kind).toMatch(/^[a-z]+$/);
      expect(store.location.length).toBeGreaterThan(0);
    });

    it('migrates fresh state from several stores at once, each migration once', async () => {
      const others = [await openAnother(), await openAnother()];
      await Promise.all([store.migrate(), ...others.map((other) => other.migrate())]);
      await store.commit({ cursors: [{ source: 's', cursor: 'c', watermark: t0, updatedAt: t0 }] });
      for (const other of others) expect((await other.getCursor('s'))?.cursor).toBe('c');
    });

    it('migrate is idempotent and keeps the data', async () => {
      await store.migrate();
      await store.commit({
        buckets: [bucket()],
        cursors: [{ source: 's', cursor: 'c', watermark: 1, updatedAt: 2 }],
      });
      await store.migrate();
      await store.migrate();
      const reopened = await openAnother();
      await reopened.migrate();
      expect(await reopened.getBuckets({ slo: 'latency', definition: 'def-1', from: 0, to: t0 + 1 })).toEqual(
        [bucket()],
      );
      expect(await store.getCursor('s')).toEqual({ source: 's', cursor: 'c', watermark: 1, updatedAt: 2 });
    });

    it('close is idempotent, and a closed store refuses work', async () => {
      await store.migrate();
      await store.close();
      await store.close();
      await expect(store.getCursor('s')).rejects.toThrow();
    });
  });

  describe('durability', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('keeps committed state after close, for the next store that opens it', async () => {
      await store.commit({
        cursors: [{ source: 'prod', cursor: 'c-1', watermark: t0, updatedAt: t0 }],
        buckets: [bucket()],
      });
      await store.addSilence(silence());
      await store.close();
      const reopened = await openAnother();
      await reopened.migrate();
      expect(await reopened.getCursor('prod')).toEqual({
        source: 'prod',
        cursor: 'c-1',
        watermark: t0,
        updatedAt: t0,
      });
      expect(
        await reopened.getBuckets({ slo: 'latency', definition: 'def-1', from: t0, to: t0 + 1 }),
      ).toEqual([bucket()]);
      expect(await reopened.listSilences()).toEqual([silence()]);
    });
  });
}
