export { type CheckOptions, type CheckProgress, check } from './check/check.js';
export { configFileNames, type LoadConfigOptions, loadConfig } from './config/load-config.js';
export {
  type CycleOptions,
  type CycleOutcome,
  type Deliverer,
  type DeliveryContext,
  runCycle,
} from './cycle/run-cycle.js';
export { runSync } from './cycle/run-sync.js';
export type { SyncOptions, SyncProgress } from './cycle/sync-options.js';
export { createPublisher } from './publish/create-publisher.js';
export { publishSyncResult } from './publish/publish-sync-result.js';
export { createSource } from './source/create-source.js';
export { createFileSource } from './source/file-source.js';
