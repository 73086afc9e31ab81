import type { StateStoreV1 } from '@slokit/core';
import { afterEach, beforeEach, describe } from 'vitest';
import { describeCommits } from './commit-conformance.js';
import type { ConformanceContext } from './conformance-context.js';
import { describeHistory } from './history-conformance.js';
import { describeLeases } from './lease-conformance.js';
import { describeOutbox } from './outbox-conformance.js';
import { describeSchema } from './schema-conformance.js';
import { describeSilences } from './silence-conformance.js';
import { describeSyncState } from './sync-state-conformance.js';

export interface StateStoreFixture {
  /** A store on fresh, empty state, not migrated yet. The suite migrates and closes it. */
  store: StateStoreV1;
  /** Another store on the same state, as a second process or worker would open it. The suite closes it. */
  reopen: () => Promise<StateStoreV1>;
  /** Deletes the state (after the suite closed every store). */
  teardown: () => Promise<void> | void;
}

/**
 * The conformance suite every StateStore driver runs: the contract of StateStoreV1 (packages/core/src/state) row by
 * row. `setup` is called before every test and returns a store on fresh, empty state.
 */
export function testStateStore(name: string, setup: () => Promise<StateStoreFixture>): void {
  let fixture: StateStoreFixture;
  const opened: StateStoreV1[] = [];

  const context: ConformanceContext = {
    useFreshState(options, use) {
      beforeEach(async () => {
        fixture = await setup();
        if (options.migrate) await fixture.store.migrate();
        use(fixture.store);
      }, 60_000);

      afterEach(async () => {
        for (const another of opened.splice(0)) await another.close();
        await fixture.store.close();
        await fixture.teardown();
      }, 60_000);
    },

    async openAnother() {
      const another = await fixture.reopen();
      opened.push(another);
      return another;
    },
  };

  describe(`${name}: state store conformance`, () => {
    describeSchema(context);
    describeSyncState(context);
    describeHistory(context);
    describeOutbox(context);
    describeSilences(context);
    describeLeases(context);
    describeCommits(context);
  });
}
