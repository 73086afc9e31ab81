export { StateStoreError, type StateStoreProblem } from '@slokit/core';
