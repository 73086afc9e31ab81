import type { StateStoreV1 } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { hour, minute, oddName, silence, sortedBy, t0 } from './sample-rows.js';

/** Silences: added, listed when active, expired early. */
export function describeSilences({ useFreshState }: ConformanceContext): void {
  describe('silences', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('adds and lists silences exactly', async () => {
      const rows = [
        silence({ id: 'b', startsAt: t0 + hour, reason: oddName }),
        silence({ id: 'a', segment: oddName, endsAt: t0 + 0.5 }),
      ];
      for (const row of rows) await store.addSilence(row);
      expect(sortedBy(await store.listSilences(), (row) => row.id)).toEqual([rows[1], rows[0]]);
    });

    it('lists those active at a time: startsAt <= at < endsAt', async () => {
      await store.addSilence(silence({ id: 'now', startsAt: t0, endsAt: t0 + hour }));
      await store.addSilence(silence({ id: 'later', startsAt: t0 + hour, endsAt: t0 + 2 * hour }));
      const active = async (at: number) =>
        (await store.listSilences({ activeAt: at })).map((row) => row.id).sort();
      expect(await active(t0 - 1)).toEqual([]);
      expect(await active(t0)).toEqual(['now']);
      expect(await active(t0 + hour - 1)).toEqual(['now']);
      expect(await active(t0 + hour)).toEqual(['later']);
      expect(await active(t0 + 2 * hour)).toEqual([]);
      expect((await store.listSilences()).length).toBe(2);
    });

    it('expires a silence early, once', async () => {
      await store.addSilence(silence());
      expect(await store.expireSilence('sil-1', t0 + 30 * minute)).toBe(true);
      expect(await store.listSilences()).toEqual([silence({ expiredAt: t0 + 30 * minute })]);
      expect(await store.listSilences({ activeAt: t0 + 30 * minute })).toEqual([]);
      expect(await store.listSilences({ activeAt: t0 + hour })).toEqual([]);
      // History stays true: it was active before it was expired.
      expect((await store.listSilences({ activeAt: t0 + 29 * minute })).map((row) => row.id)).toEqual([
        'sil-1',
      ]);
      expect(await store.expireSilence('sil-1', t0 + 40 * minute)).toBe(false);
    });

    it('does not expire unknown or ended silences', async () => {
      await store.addSilence(silence());
      expect(await store.expireSilence('unknown', t0)).toBe(false);
      expect(await store.expireSilence('sil-1', t0 + 2 * hour)).toBe(false);
      expect(await store.listSilences()).toEqual([silence()]);
    });

    it('refuses a second silence with the same id', async () => {
      await store.addSilence(silence());
      await expect(store.addSilence(silence({ reason: 'again' }))).rejects.toThrow(/sil-1/);
      expect(await store.listSilences()).toEqual([silence()]);
    });
  });
}
