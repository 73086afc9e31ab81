import { formatMetricValue } from './metric-value.js';

export interface MetricInput {
  key: string;
  /** NaN and ±Infinity are sent as MLflow's "NaN" / "Infinity" / "-Infinity" strings. */
  value: number;
  /** Epoch milliseconds; required by the server. */
  timestamp: number;
  step?: number;
}

export interface KeyValueInput {
  key: string;
  value: string;
}

export interface LogBatchInput {
  metrics?: readonly MetricInput[];
  params?: readonly KeyValueInput[];
  tags?: readonly KeyValueInput[];
}

export interface LogBatchRequest {
  metrics: Array<{ key: string; value: number | string; timestamp: number; step: number }>;
  params: KeyValueInput[];
  tags: KeyValueInput[];
}

/** The server's log-batch limits (mlflow/utils/validation.py; the Databricks Log Batch docs agree). */
export const logBatchLimits = {
  metrics: 1000,
  params: 100,
  tags: 100,
  total: 1000,
  /** Request bytes; 1 MB less room for `run_id` and the JSON around the lists. */
  bytes: 1024 * 1024 - 1024,
} as const;

/**
 * Splits what to log into log-batch requests that each stay within every limit: at most 1000 metrics, 100 params,
 * 100 tags and 1000 entities, and under 1 MB of JSON. Params come first, so a rejected (changed) param fails the
 * first request before any metric of the batch is written. Order within each list is kept.
 */
export function chunkLogBatch(
  input: LogBatchInput,
  limits: typeof logBatchLimits = logBatchLimits,
): LogBatchRequest[] {
  const requests: LogBatchRequest[] = [];
  let current: LogBatchRequest = { metrics: [], params: [], tags: [] };
  let bytes = 0;
  const flush = () => {
    if (current.metrics.length + current.params.length + current.tags.length > 0) requests.push(current);
    current = { metrics: [], params: [], tags: [] };
    bytes = 0;
  };
  const add = <K extends keyof LogBatchRequest>(list: K, item: LogBatchRequest[K][number]) => {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    const count = current.metrics.length + current.params.length + current.tags.length;
    if (current[list].length >= limits[list] || count >= limits.total || bytes + size > limits.bytes) flush();
    (current[list] as Array<LogBatchRequest[K][number]>).push(item);
    bytes += size;
  };
  for (const param of input.params ?? []) add('params', { key: param.key, value: param.value });
  for (const tag of input.tags ?? []) add('tags', { key: tag.key, value: tag.value });
  for (const metric of input.metrics ?? []) {
    add('metrics', {
      key: metric.key,
      value: formatMetricValue(metric.value),
      timestamp: Math.round(metric.timestamp),
      step: metric.step ?? 0,
    });
  }
  flush();
  return requests;
}
