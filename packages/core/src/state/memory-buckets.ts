import { type AssertOpen, copyRow, type MemoryState, type PruneBefore, rowKey } from './memory-state.js';
import type { CycleWrites, StateStoreV1 } from './state-store.js';

type Buckets = Pick<MemoryState, 'buckets'>;

/** SLI buckets, kept per SLO definition and keyed by segment and start. */
export function memoryBucketMethods(
  { buckets }: Buckets,
  assertOpen: AssertOpen,
): Pick<StateStoreV1, 'getBuckets'> {
  return {
    async getBuckets(query) {
      assertOpen();
      return [...(buckets.get(rowKey(query.slo, query.definition))?.values() ?? [])]
        .filter((row) => row.start >= query.from && row.start < query.to)
        .sort((a, b) => a.start - b.start || byteOrder(a.segment, b.segment))
        .map(copyRow);
    },
  };
}

/** Upserts each bucket: the cycle sends the merged bucket, not a delta. */
export function writeBuckets({ buckets }: Buckets, writes: CycleWrites): void {
  for (const row of writes.buckets ?? []) {
    const definitionKey = rowKey(row.slo, row.definition);
    let rows = buckets.get(definitionKey);
    if (!rows) {
      rows = new Map();
      buckets.set(definitionKey, rows);
    }
    rows.set(rowKey(row.segment, row.start), copyRow(row));
  }
}

/** Drops buckets of every resolution before `buckets`, and 5-minute ones (no `:` suffix) before `fineBuckets`. */
export function pruneBuckets({ buckets }: Buckets, before: PruneBefore): void {
  for (const rows of buckets.values()) {
    for (const [id, row] of rows) {
      const fine = !row.definition.includes(':');
      if (row.start < before.buckets || (fine && row.start < before.fineBuckets)) rows.delete(id);
    }
  }
}

/** Code-unit order, as the SQL drivers sort text (not the locale's order). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
