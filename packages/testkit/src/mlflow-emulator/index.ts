export { MlflowApiError, type MlflowErrorCode } from './emulator-error.js';
export type { MlflowEmulatorFault } from './emulator-faults.js';
export type {
  MetricPoint,
  StoredAssessment,
  StoredExperiment,
  StoredRun,
  StoredTrace,
} from './emulator-store.js';
export { EmulatorStore } from './emulator-store.js';
export { encodePageToken } from './page-token.js';
export { recordToTrace, type TraceSeedOptions } from './records-to-traces.js';
export {
  type MlflowEmulator,
  type MlflowEmulatorAuth,
  type MlflowEmulatorOptions,
  type RecordedRequest,
  type SeedRunOptions,
  startMlflowEmulator,
} from './start-mlflow-emulator.js';
