import { type AssertOpen, copyRow, type MemoryState, type PruneBefore } from './memory-state.js';
import type { CycleWrites, StateStoreV1 } from './state-store.js';

type Outbox = Pick<MemoryState, 'outbox'>;

/** Deliveries to channels, written with their events and updated as they are attempted. */
export function memoryOutboxMethods(
  { outbox }: Outbox,
  assertOpen: AssertOpen,
): Pick<StateStoreV1, 'getDueOutbox' | 'updateOutbox'> {
  return {
    async getDueOutbox(now, limit) {
      assertOpen();
      return [...outbox.values()]
        .filter((row) => row.status === 'pending' && row.nextAttemptAt <= now)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit)
        .map(copyRow);
    },
    async updateOutbox(update) {
      assertOpen();
      const row = outbox.get(update.id);
      if (row) outbox.set(update.id, { ...row, ...update });
    },
  };
}

/** Inserts new deliveries; a row whose id exists already is left as it is. */
export function writeOutbox({ outbox }: Outbox, writes: CycleWrites): void {
  for (const row of writes.outbox ?? []) if (!outbox.has(row.id)) outbox.set(row.id, copyRow(row));
}

/** Drops old deliveries that are finished; pending ones stay whatever their age. */
export function pruneOutbox({ outbox }: Outbox, before: PruneBefore): void {
  for (const [id, row] of outbox)
    if (row.createdAt < before.outbox && row.status !== 'pending') outbox.delete(id);
}
