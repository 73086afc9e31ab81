import { SlokitError } from '../errors/slokit-error.js';
import { memoryBucketMethods, pruneBuckets, writeBuckets } from './memory-buckets.js';
import { memoryEvaluationMethods, pruneEvaluations, writeEvaluations } from './memory-evaluations.js';
import { assertLeaseHeld, memoryLeaseMethods } from './memory-leases.js';
import { memoryOutboxMethods, pruneOutbox, writeOutbox } from './memory-outbox.js';
import { memoryPublishLogMethods, writePublishLog } from './memory-publish-log.js';
import { memorySilenceMethods } from './memory-silences.js';
import { memorySourceProgressMethods, pruneSeenIds, writeSourceProgress } from './memory-source-progress.js';
import { type MemoryState, newMemoryState, type PruneBefore } from './memory-state.js';
import { rejectInvalidWrites } from './reject-invalid-writes.js';
import type { CycleWrites, StateStoreV1 } from './state-store.js';

const states = new WeakMap<StateStoreV1, MemoryState>();

/**
 * The state store in memory: for tests, dry runs and programmatic replays. Same semantics as the durable drivers
 * (commit all or nothing, leases, upserts), nothing survives the process. Pass a store to open another one on the same state (a second worker).
 */
export function createMemoryStateStore(sameStateAs?: StateStoreV1): StateStoreV1 {
  const state = (sameStateAs ? states.get(sameStateAs) : undefined) ?? newMemoryState();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new SlokitError('the state store is closed');
  };
  const store: StateStoreV1 = {
    specificationVersion: 'v1',
    kind: 'memory',
    location: 'memory',
    async migrate() {
      assertOpen();
    },
    async close() {
      closed = true;
    },
    ...memoryLeaseMethods(state, assertOpen),
    ...memorySourceProgressMethods(state, assertOpen),
    ...memoryBucketMethods(state, assertOpen),
    ...memoryEvaluationMethods(state, assertOpen),
    ...memoryOutboxMethods(state, assertOpen),
    ...memoryPublishLogMethods(state, assertOpen),
    ...memorySilenceMethods(state, assertOpen),
    async commit(writes) {
      assertOpen();
      commitWrites(state, writes);
    },
    async prune(before) {
      assertOpen();
      pruneState(state, before);
    },
  };
  states.set(store, state);
  return store;
}

/** All or nothing: every check runs before the first write, and writing cannot fail half way. */
function commitWrites(state: MemoryState, writes: CycleWrites): void {
  rejectInvalidWrites(writes);
  assertLeaseHeld(state, writes.lease);
  writeSourceProgress(state, writes);
  writeBuckets(state, writes);
  writeEvaluations(state, writes);
  writeOutbox(state, writes);
  writePublishLog(state, writes);
}

function pruneState(state: MemoryState, before: PruneBefore): void {
  pruneSeenIds(state, before);
  pruneBuckets(state, before);
  pruneEvaluations(state, before);
  pruneOutbox(state, before);
}
