import { defineAdapter, type PublisherV1, type SourceConfig, type SourceContext } from '@slokit/core';
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
export { assessmentValues, feedbackScore } from './mapping/assessment-scores.js';
export { evalTableRowToRecord, parseEvalTable } from './mapping/eval-table-to-records.js';
export { type MlflowLinks, mlflowLinks } from './mapping/mlflow-links.js';
export {
  costOfTokens,
  defaultModelPrices,
  findModelPrice,
  type ModelPrice,
  type PriceTable,
} from './mapping/model-prices.js';
export { parseProtoDuration } from './mapping/parse-proto-duration.js';
export { parseTokenUsage } from './mapping/parse-token-usage.js';
export { runToEvalSummary } from './mapping/run-to-eval-summary.js';
export { traceCost } from './mapping/trace-cost.js';
export { type TraceMapping, traceToRecord } from './mapping/trace-to-record.js';
export {
  createMlflowPublisher,
  defaultPublishExperiment,
  reportArtifactName,
} from './publish/create-mlflow-publisher.js';
export { sloKey, sloRunPayload, worstStatus } from './publish/slo-run-payload.js';
export { parseDatabricksConfig } from './settings/databricks-config-file.js';
export { type MlflowSourceConfig, mlflowSourceConfigSchema } from './settings/mlflow-source-config.js';
export {
  authorizationHeader,
  type MlflowAuth,
  type MlflowConnection,
  resolveMlflowConnection,
} from './settings/resolve-mlflow-connection.js';
export { createMlflowSource } from './source/create-mlflow-source.js';
export type { MlflowAdapterOptions } from './source/mlflow-adapter-context.js';
export { readTracePages, type TracesCursor } from './source/read-trace-pages.js';

/** Loaded by slokit for `type: mlflow` sources. */
export function createEvalSource(name: string, config: SourceConfig, context: SourceContext) {
  return createMlflowSource(name, config, context);
}

/** Loaded by `slokit check --publish` for `type: mlflow` sources. */
export function createPublisher(name: string, config: SourceConfig, context: SourceContext): PublisherV1 {
  return createMlflowPublisher(name, config, context);
}

/** The `type: mlflow` adapter: eval runs and traces in, SLO results back as MLflow runs. */
export const adapter = defineAdapter({
  specificationVersion: 'v1',
  type: 'mlflow',
  createSource: createEvalSource,
  createPublisher,
});

export default adapter;
