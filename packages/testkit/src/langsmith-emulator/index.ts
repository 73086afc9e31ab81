export { deterministicUuid } from './deterministic-uuid.js';
export type { LangSmithFault } from './emulator-fault.js';
export { EmulatorHttpError } from './emulator-http-error.js';
export type {
  EmulatorDataset,
  EmulatorFeedback,
  EmulatorRun,
  EmulatorSession,
  RunUsage,
} from './emulator-records.js';
export { EmulatorState } from './emulator-state.js';
export { FilterSyntaxError, parseRunFilter, type RunFilter } from './run-filter.js';
export { computeRunStats, feedbackStats, quantile, type RunStats } from './run-stats.js';
export {
  defaultLangSmithSeed,
  type ExperimentSeed,
  type LangSmithSeed,
  seedExperiments,
  seedTraffic,
  type TrafficSeed,
} from './seed-langsmith.js';
export {
  type EmulatorRequest,
  type LangSmithEmulator,
  type LangSmithEmulatorOptions,
  startLangSmithEmulator,
} from './start-langsmith-emulator.js';
