export { MlflowApiError, type MlflowErrorCode } from './emulator-error.js';
export type { MlflowEmulatorFault } from './emulator-faults.js';
export type { MlflowEmulatorAuth } from './mlflow-auth.js';
export { encodePageToken } from './page-token.js';
export type { RecordedRequest } from './recorded-request.js';
export { recordToTrace, type TraceSeedOptions } from './records-to-traces.js';
export type { SeedRunOptions } from './seed-mlflow.js';
export {
  type MlflowEmulator,
  type MlflowEmulatorOptions,
  startMlflowEmulator,
} from './start-mlflow-emulator.js';
export { EmulatorStore } from './store/emulator-store.js';
export type {
  MetricPoint,
  StoredAssessment,
  StoredExperiment,
  StoredRun,
  StoredTrace,
} from './store/stored-records.js';
