import type { StateStoreV1 } from '@slokit/core';

/** What the suite gives each group of conformance tests. */
export interface ConformanceContext {
  /**
   * Before every test of the calling `describe`, a store on fresh, empty state (migrated when `migrate`), handed to
   * `use`; after it, every store closed and the state deleted.
   */
  useFreshState(options: { migrate: boolean }, use: (store: StateStoreV1) => void): void;
  /** Another store on the running test's state, as a second process or worker would open it; closed after the test. */
  openAnother(): Promise<StateStoreV1>;
}
