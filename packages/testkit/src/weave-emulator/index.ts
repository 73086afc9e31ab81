export type { WeaveEmulatorFault } from './faults.js';
export type { ModelPrice } from './model-prices.js';
export { defaultModelPrices } from './model-prices.js';
export type {
  EvaluationRowSeed,
  EvaluationSeed,
  SeededEvaluation,
  SupportBotCallsOptions,
} from './seed-calls.js';
export { opRef, summarizeRows } from './seed-calls.js';
export { formatTimestampMicros, parseTimestampMicros } from './timestamps.js';
export type { ProjectStore, StoredCall, StoredFeedback } from './trace-store.js';
export {
  defaultEmulatorApiKey,
  type RecordedRequest,
  startWeaveEmulator,
  type WeaveEmulator,
  type WeaveEmulatorOptions,
} from './weave-emulator.js';
