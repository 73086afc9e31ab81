import { type AssertOpen, copyRow, type MemoryState, type PruneBefore } from './memory-state.js';
import type { CycleWrites, StateStoreV1 } from './state-store.js';

type SourceProgress = Pick<MemoryState, 'cursors' | 'seen'>;

/** Where each source's reads resume, and the record ids already counted for it. */
export function memorySourceProgressMethods(
  { cursors, seen }: SourceProgress,
  assertOpen: AssertOpen,
): Pick<StateStoreV1, 'getCursor' | 'filterSeen'> {
  return {
    async getCursor(source) {
      assertOpen();
      const cursor = cursors.get(source);
      return cursor ? copyRow(cursor) : undefined;
    },
    async filterSeen(source, ids) {
      assertOpen();
      const known = seen.get(source);
      return new Set(known ? ids.filter((id) => known.has(id)) : []);
    },
  };
}

/** Upserts cursors; a seen id keeps the time it was first counted at. */
export function writeSourceProgress({ cursors, seen }: SourceProgress, writes: CycleWrites): void {
  for (const cursor of writes.cursors ?? []) cursors.set(cursor.source, copyRow(cursor));
  for (const row of writes.seen ?? []) {
    let known = seen.get(row.source);
    if (!known) {
      known = new Map();
      seen.set(row.source, known);
    }
    if (!known.has(row.id)) known.set(row.id, row.time);
  }
}

export function pruneSeenIds({ seen }: SourceProgress, before: PruneBefore): void {
  for (const known of seen.values()) for (const [id, time] of known) if (time < before.seen) known.delete(id);
}
