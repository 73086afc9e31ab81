export { ConfigError, type ConfigProblem } from './config-error.js';
export { InputError } from './input-error.js';
export { type ExitCode, SlokitError } from './slokit-error.js';
export { SourceError } from './source-error.js';
export { StateStoreError, type StateStoreProblem } from './state-store-error.js';
