import type { StateStoreV1 } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { hour, t0 } from './sample-rows.js';

/** Leases: exclusive across stores, renewed by their owner, handed over when expired. */
export function describeLeases({ useFreshState, openAnother }: ConformanceContext): void {
  describe('leases', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('takes a free lease until now + ttl', async () => {
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
      expect(await store.listLeases('sync', t0)).toEqual([
        { name: 'sync', owner: 'worker-a', expiresAt: t0 + 30_000 },
      ]);
    });

    it('refuses another owner until the lease expires, then hands it over', async () => {
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
      expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 1)).toBe(false);
      expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 29_999)).toBe(false);
      expect((await store.listLeases('', t0 + 29_999))[0]?.owner).toBe('worker-a');
      expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 30_000)).toBe(true);
      expect(await store.listLeases('', t0 + 30_000)).toEqual([
        { name: 'sync', owner: 'worker-b', expiresAt: t0 + 60_000 },
      ]);
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0 + 30_001)).toBe(false);
    });

    it('renews for its owner', async () => {
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0 + 20_000)).toBe(true);
      expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 40_000)).toBe(false);
      expect(await store.listLeases('sync', t0 + 40_000)).toEqual([
        { name: 'sync', owner: 'worker-a', expiresAt: t0 + 50_000 },
      ]);
      // An owner whose lease expired (nobody took it) gets it back.
      expect(await store.tryAcquireLease('sync', 'worker-a', 10_000, t0 + 60_000)).toBe(true);
    });

    it('releases only for its owner', async () => {
      expect(await store.tryAcquireLease('sync', 'worker-a', 30_000, t0)).toBe(true);
      await store.releaseLease('sync', 'worker-b');
      expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 1)).toBe(false);
      await store.releaseLease('sync', 'worker-a');
      expect(await store.listLeases('', t0 + 1)).toEqual([]);
      expect(await store.tryAcquireLease('sync', 'worker-b', 30_000, t0 + 1)).toBe(true);
      await store.releaseLease('never-taken', 'worker-a');
    });

    it('lists unexpired leases by exact, case-sensitive prefix', async () => {
      expect(await store.listLeases('', t0)).toEqual([]);
      await store.tryAcquireLease('source:prod', 'w1', 60_000, t0);
      await store.tryAcquireLease('source:staging', 'w2', 10_000, t0);
      await store.tryAcquireLease('source:50%_off', 'w3', 60_000, t0);
      await store.tryAcquireLease('Source:upper', 'w1', 60_000, t0);
      await store.tryAcquireLease('slo:latency', 'w1', 60_000, t0);
      const names = async (prefix: string, now: number) =>
        (await store.listLeases(prefix, now)).map((lease) => lease.name).sort();
      expect(await names('source:', t0)).toEqual(['source:50%_off', 'source:prod', 'source:staging']);
      expect(await names('source:', t0 + 10_000)).toEqual(['source:50%_off', 'source:prod']);
      expect(await names('source:50%', t0)).toEqual(['source:50%_off']);
      expect(await names('source:5_', t0)).toEqual([]);
      expect(await names('source:%', t0)).toEqual([]);
      expect(await names('', t0 + 10_000)).toEqual([
        'Source:upper',
        'slo:latency',
        'source:50%_off',
        'source:prod',
      ]);
      expect(await store.listLeases('source:prod', t0)).toEqual([
        { name: 'source:prod', owner: 'w1', expiresAt: t0 + 60_000 },
      ]);
    });

    it('keeps leases of different names independent', async () => {
      expect(await store.tryAcquireLease('source:a', 'w1', 60_000, t0)).toBe(true);
      expect(await store.tryAcquireLease('source:b', 'w2', 60_000, t0)).toBe(true);
      expect(await store.tryAcquireLease('source:b', 'w1', 60_000, t0)).toBe(false);
    });

    it('is exclusive across stores on the same state: exactly one of several racing owners wins', async () => {
      const stores = [store, await openAnother(), await openAnother(), await openAnother()];
      for (let round = 0; round < 5; round++) {
        const now = t0 + round * hour;
        const won = await Promise.all(
          stores.map((each, index) => each.tryAcquireLease('sync', `worker-${index}`, 30_000, now)),
        );
        expect(won.filter(Boolean)).toHaveLength(1);
        const winner = won.indexOf(true);
        expect((await stores[(winner + 1) % stores.length]!.listLeases('sync', now))[0]?.owner).toBe(
          `worker-${winner}`,
        );
      }
    });
  });
}
