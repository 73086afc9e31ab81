import { invalidParameter, missingParameter } from '../emulator-error.js';
import {
  maxBatchBytes,
  maxBatchEntities,
  maxBatchMetrics,
  maxBatchParams,
  maxBatchTags,
  maxParamValue,
  maxTagValue,
} from './mlflow-limits.js';
import { compareMetrics } from './ordering.js';
import { asObject, integerField, type Json, keyValueList, stringField } from './request-fields.js';
import type { MetricPoint, StoredRun } from './stored-records.js';
import { validateKey } from './validate-key.js';

/** The metrics, params and tags of a runs/log-batch request, checked against the limits. */
export interface LogBatch {
  metrics: MetricPoint[];
  params: Array<{ key: string; value: string }>;
  tags: Array<{ key: string; value: string }>;
}

/** Reads a log-batch body: at most 1 MB and 1000 entities (1000 metrics, 100 params, 100 tags), valid keys. */
export function parseLogBatch(body: Json, rawLength: number): LogBatch {
  if (rawLength > maxBatchBytes) {
    throw invalidParameter(
      `Batched logging API requests must be at most 1 MB in size. Got ${rawLength} bytes. Please split up the batch.`,
    );
  }
  const metrics = Array.isArray(body.metrics) ? (body.metrics as unknown[]) : [];
  const params = Array.isArray(body.params) ? (body.params as unknown[]) : [];
  const tags = Array.isArray(body.tags) ? (body.tags as unknown[]) : [];
  for (const [items, limit, name] of [
    [metrics, maxBatchMetrics, 'metrics'],
    [params, maxBatchParams, 'params'],
    [tags, maxBatchTags, 'tags'],
  ] as const) {
    if (items.length > limit) {
      throw invalidParameter(
        `A batch logging request can contain at most ${limit} ${name}. Got ${items.length} ${name}. Please split up ${name} across multiple requests and try again.`,
      );
    }
  }
  const total = metrics.length + params.length + tags.length;
  if (total > maxBatchEntities) {
    throw invalidParameter(
      `A batch logging request can contain at most ${maxBatchEntities} total metrics, params, and tags. Got ${total} total. Please split up across multiple requests and try again.`,
    );
  }
  const parsedMetrics = metrics.map((metric, index) => parseMetric(metric, index));
  const parsedParams = params.map((param, index) => parseParam(param, index));
  const parsedTags = keyValueList(tags, 'tags');
  for (const [index, tag] of parsedTags.entries()) validateKey(tag.key, `tags[${index}].key`);
  return { metrics: parsedMetrics, params: parsedParams, tags: parsedTags };
}

/** Logs a batch to a run; params are immutable: logging another value for one is a 400 and logs nothing. */
export function applyLogBatch(run: StoredRun, batch: LogBatch): void {
  const changed = batch.params.filter(
    (param) => run.params.has(param.key) && run.params.get(param.key) !== param.value,
  );
  if (changed.length > 0) {
    const described = changed
      .map(
        (param) =>
          `{'key': '${param.key}', 'old_value': '${run.params.get(param.key)}', 'new_value': '${param.value}'}`,
      )
      .join(', ');
    throw invalidParameter(
      `Changing param values is not allowed. Params were already logged='[${described}]' for run ID='${run.runId}'.`,
    );
  }
  for (const param of batch.params) run.params.set(param.key, param.value);
  for (const metric of batch.metrics) appendMetric(run, metric);
  for (const tag of batch.tags) {
    run.tags.set(tag.key, tag.value.slice(0, maxTagValue));
    if (tag.key === 'mlflow.runName') run.runName = tag.value;
  }
}

function appendMetric(run: StoredRun, metric: MetricPoint): void {
  let history = run.history.get(metric.key);
  if (!history) {
    history = [];
    run.history.set(metric.key, history);
  }
  history.push(metric);
  const latest = run.latest.get(metric.key);
  if (!latest || compareMetrics(metric, latest) >= 0) run.latest.set(metric.key, metric);
}

function parseParam(raw: unknown, index: number): { key: string; value: string } {
  const key = stringField(asObject(raw), 'key');
  if (key === undefined) throw missingParameter(`params[${index}].key`);
  validateKey(key, `params[${index}].key`);
  const value = stringField(asObject(raw), 'value') ?? '';
  if (value.length > maxParamValue) {
    throw invalidParameter(
      `Param value '${value.slice(0, 50)}...' had length ${value.length}, which exceeded length limit of ${maxParamValue}`,
    );
  }
  return { key, value };
}

function parseMetric(raw: unknown, index: number): MetricPoint {
  const metric = asObject(raw);
  const key = stringField(metric, 'key');
  if (key === undefined) throw missingParameter(`metrics[${index}].key`);
  validateKey(key, `metrics[${index}].name`);
  if (metric.value === undefined || metric.value === null) throw missingParameter(`metrics[${index}].value`);
  const value = parseDouble(metric.value);
  if (value === undefined) {
    throw invalidParameter(
      `Invalid value ${JSON.stringify(metric.value)} for parameter 'metrics[${index}].value' supplied.`,
    );
  }
  const timestamp = integerField(metric, 'timestamp');
  if (timestamp === undefined) throw missingParameter(`metrics[${index}].timestamp`);
  const step = integerField(metric, 'step') ?? 0;
  const stored =
    value === Number.POSITIVE_INFINITY
      ? Number.MAX_VALUE
      : value === Number.NEGATIVE_INFINITY
        ? -Number.MAX_VALUE
        : value;
  return { key, value: stored, timestamp, step };
}

function parseDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  const number = Number(value);
  return value.trim() === '' || Number.isNaN(number) ? undefined : number;
}
