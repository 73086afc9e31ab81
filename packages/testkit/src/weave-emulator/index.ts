export type { ModelPrice } from './model-prices.js';
export { defaultModelPrices } from './model-prices.js';
export { opRef } from './op-ref.js';
export type { EvaluationRowSeed, EvaluationSeed, SeededEvaluation } from './seed-evaluation.js';
export type { SupportBotCallsOptions } from './seed-support-bot-calls.js';
export {
  defaultEmulatorApiKey,
  type RecordedRequest,
  startWeaveEmulator,
  type WeaveEmulator,
  type WeaveEmulatorOptions,
} from './start-weave-emulator.js';
export { summarizeRows } from './summarize-rows.js';
export { formatTimestampMicros, parseTimestampMicros } from './timestamps.js';
export type { ProjectStore, StoredCall, StoredFeedback } from './trace-store.js';
export type { WeaveEmulatorFault } from './weave-emulator-fault.js';
