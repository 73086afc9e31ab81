import { type AssertOpen, copyRow, type MemoryState } from './memory-state.js';
import type { CycleWrites, StateStoreV1 } from './state-store.js';

type PublishLog = Pick<MemoryState, 'publishes'>;

/** Results published to targets, in the order they were committed. */
export function memoryPublishLogMethods(
  { publishes }: PublishLog,
  assertOpen: AssertOpen,
): Pick<StateStoreV1, 'getPublishLog'> {
  return {
    async getPublishLog(query) {
      assertOpen();
      return publishes.filter((row) => row.at >= query.from && row.at < query.to).map(copyRow);
    },
  };
}

export function writePublishLog({ publishes }: PublishLog, writes: CycleWrites): void {
  publishes.push(...(writes.publishes ?? []).map(copyRow));
}
