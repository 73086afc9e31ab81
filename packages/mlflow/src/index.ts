import type { PublisherV1, SourceConfig, SourceContext } from '@slokit/core';
import { createMlflowPublisher } from './publish/create-mlflow-publisher.js';
import { createMlflowSource } from './source/create-mlflow-source.js';

export {
  chunkLogBatch,
  type KeyValueInput,
  type LogBatchInput,
  type LogBatchRequest,
  logBatchLimits,
  type MetricInput,
} from './client/chunk-log-batch.js';
export {
  type CreateMlflowClientFromEnvOptions,
  createMlflowClientFromEnv,
} from './client/create-mlflow-client.js';
export { parseDatabricksConfig } from './client/databricks-config-file.js';
export { formatMetricValue, parseMetricValue } from './client/metric-value.js';
export {
  type CallOptions,
  MlflowClient,
  type MlflowClientOptions,
  maxMetricHistoryPageSize,
  maxTracesPageSize,
  type Page,
  proxiedArtifactPath,
  type RunStatus,
  type ViewType,
} from './client/mlflow-client.js';
export type {
  Assessment,
  Experiment,
  FileInfo,
  KeyValue,
  Metric,
  Run,
  RunInfo,
  TraceInfo,
} from './client/mlflow-schemas.js';
export {
  authorizationHeader,
  type MlflowAuth,
  type MlflowConnection,
  resolveMlflowConnection,
} from './client/resolve-mlflow-connection.js';
export { evalTableRowToRecord, parseEvalTable } from './eval-runs/eval-table-to-records.js';
export { runToEvalSummary } from './eval-runs/run-to-eval-summary.js';
export {
  createMlflowPublisher,
  defaultPublishExperiment,
  reportArtifactName,
} from './publish/create-mlflow-publisher.js';
export { sloKey, sloRunPayload, worstStatus } from './publish/slo-run-payload.js';
export { createMlflowSource } from './source/create-mlflow-source.js';
export type { MlflowAdapterOptions } from './source/mlflow-adapter-context.js';
export { type MlflowSourceConfig, mlflowSourceConfigSchema } from './source/mlflow-source-config.js';
export { assessmentValues, feedbackScore } from './traces/assessment-scores.js';
export { type MlflowLinks, mlflowLinks } from './traces/mlflow-links.js';
export {
  costOfTokens,
  defaultModelPrices,
  findModelPrice,
  type ModelPrice,
  type PriceTable,
} from './traces/model-prices.js';
export { parseProtoDuration } from './traces/parse-proto-duration.js';
export { parseTokenUsage } from './traces/parse-token-usage.js';
export { readTracePages, type TracesCursor } from './traces/read-trace-pages.js';
export { traceCost } from './traces/trace-cost.js';
export { type TraceMapping, traceToRecord } from './traces/trace-to-record.js';

/** Loaded by slokit for `type: mlflow` sources. */
export function createEvalSource(name: string, config: SourceConfig, context: SourceContext) {
  return createMlflowSource(name, config, context);
}

/** Loaded by `slokit check --publish` for `type: mlflow` sources. */
export function createPublisher(name: string, config: SourceConfig, context: SourceContext): PublisherV1 {
  return createMlflowPublisher(name, config, context);
}
