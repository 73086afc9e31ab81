import type { StateStoreV1 } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { hour, longJson, minute, oddName, outboxRow, t0 } from './sample-rows.js';

/** The outbox: deliveries that must happen at least once. */
export function describeOutbox({ useFreshState }: ConformanceContext): void {
  describe('outbox', () => {
    let store: StateStoreV1;
    useFreshState({ migrate: true }, (fresh) => {
      store = fresh;
    });

    it('returns pending rows due at now (nextAttemptAt <= now), oldest first, at most limit', async () => {
      const rows = [
        outboxRow({ id: 'late', createdAt: t0 + 2, nextAttemptAt: t0 + minute }),
        outboxRow({ id: 'third', createdAt: t0 + 3, nextAttemptAt: t0 }),
        outboxRow({
          id: 'first',
          createdAt: t0 + 1,
          nextAttemptAt: t0 - minute,
          payload: longJson('outbox'),
        }),
        outboxRow({ id: 'sent', createdAt: t0, status: 'sent' }),
        outboxRow({ id: 'dead', createdAt: t0, status: 'dead', lastError: '410 Gone' }),
        outboxRow({
          id: 'fourth',
          createdAt: t0 + 4,
          nextAttemptAt: t0 - 1,
          attempts: 2,
          lastError: oddName,
        }),
      ];
      await store.commit({ outbox: rows });
      expect(await store.getDueOutbox(t0, 10)).toEqual([rows[2], rows[1], rows[5]]);
      expect((await store.getDueOutbox(t0, 2)).map((row) => row.id)).toEqual(['first', 'third']);
      expect((await store.getDueOutbox(t0 + minute, 10)).map((row) => row.id)).toEqual([
        'first',
        'late',
        'third',
        'fourth',
      ]);
      expect(await store.getDueOutbox(t0 - 2 * minute, 10)).toEqual([]);
    });

    it('updates attempts, status and retry time', async () => {
      await store.commit({ outbox: [outboxRow()] });
      await store.updateOutbox({
        id: 'out-1',
        status: 'pending',
        attempts: 1,
        nextAttemptAt: t0 + 30_000,
        lastError: 'HTTP 503 from https://hooks.example.com',
      });
      expect(await store.getDueOutbox(t0 + 29_999, 10)).toEqual([]);
      expect(await store.getDueOutbox(t0 + 30_000, 10)).toEqual([
        outboxRow({
          attempts: 1,
          nextAttemptAt: t0 + 30_000,
          lastError: 'HTTP 503 from https://hooks.example.com',
        }),
      ]);
      await store.updateOutbox({
        id: 'out-1',
        status: 'sent',
        attempts: 2,
        nextAttemptAt: t0 + 30_000,
        lastError: null,
      });
      expect(await store.getDueOutbox(t0 + hour, 10)).toEqual([]);
    });

    it('leaves an existing id as it is: a retried commit does not resend a sent delivery', async () => {
      await store.commit({ outbox: [outboxRow()] });
      await store.updateOutbox({
        id: 'out-1',
        status: 'sent',
        attempts: 1,
        nextAttemptAt: t0,
        lastError: null,
      });
      await store.commit({ outbox: [outboxRow({ payload: '{"again":true}' })] });
      expect(await store.getDueOutbox(t0 + hour, 10)).toEqual([]);
    });
  });
}
