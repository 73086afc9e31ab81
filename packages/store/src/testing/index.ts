export { type StateStoreFixture, testStateStore } from './test-state-store.js';
