import { createMemoryStateStore } from '@slokit/core';
import { testStateStore } from './testing/index.js';

// Core's in-memory store (tests, dry runs, replays) keeps the same contract as the durable drivers.
testStateStore('memory', async () => {
  const store = createMemoryStateStore();
  return { store, reopen: async () => createMemoryStateStore(store), teardown: () => {} };
});
