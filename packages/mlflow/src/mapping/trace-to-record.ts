import { type DroppedKeys, type EvalRecord, safeGet, safeSet, safeSetPath } from '@slokit/core';
import type { TraceInfo } from '../client/mlflow-schemas.js';
import { assessmentValues } from './assessment-scores.js';
import type { MlflowLinks } from './mlflow-links.js';
import type { PriceTable } from './model-prices.js';
import { parseProtoDuration } from './parse-proto-duration.js';
import { parseTokenUsage } from './parse-token-usage.js';
import { traceCost } from './trace-cost.js';

export interface TraceMappingContext {
  /** The configured source name, set on every record. */
  source: string;
  links: MlflowLinks;
  prices: PriceTable;
  /** The trace tag or metadata key naming the LLM model, for prices; default: the first of `modelKeys` present. */
  modelKey?: string;
  /** Extra metadata for every record (an eval run's id and name). */
  extraMetadata?: Record<string, string>;
}

export type TraceMapping =
  /** `dropped`: tag and metadata keys left out because they would reach an object prototype, to report. */
  | { kind: 'record'; record: EvalRecord; time: number; dropped?: string[] }
  /** IN_PROGRESS: not a record until it finishes. */
  | { kind: 'pending' }
  | { kind: 'problem'; message: string };

/** Where instrumentations put the model name, in the order they are tried. */
export const modelKeys = [
  'model',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'llm.model',
  'model_name',
];
/** Tags and metadata that say why a trace failed: OpenTelemetry's `error.type` / `exception.message`, or ours. */
const errorKeys = ['error.message', 'exception.message', 'error.type'];
/** MLflow's own metadata and tags kept in records, under friendlier names. */
const renamed = new Map([
  ['mlflow.trace.user', 'user'],
  ['mlflow.trace.session', 'session'],
  ['mlflow.traceName', 'trace_name'],
  ['mlflow.sourceRun', 'run_id'],
  ['mlflow.modelId', 'model_id'],
]);

/**
 * One MLflow 3 trace (TraceInfoV3, as traces/search returns it) as a slokit record:
 * - `id`: the app's `client_request_id` when set, else the trace id; `timestamp`: `request_time`;
 * - `latency_ms`: `execution_duration`; `status`: `state` OK → success, ERROR → error (IN_PROGRESS is pending);
 * - `error`: the `error.message`, `exception.message` or `error.type` tag (MLflow keeps exception details on spans);
 * - `tokens`: `mlflow.trace.tokenUsage`; `cost_usd`: `mlflow.trace.cost`, else tokens at the model's price;
 * - `scores`: Feedback assessments by name; string feedback other than yes/no goes to `metadata.feedback.<name>`;
 * - `tags`: the trace's own tags as `key=value`; `metadata`: its tags and metadata (dotted keys nested, so
 *   `metadata.app.version` reads tag `app.version`), `user`, `session`, `trace_name`, `run_id`, `trace_id`,
 *   `experiment_id`; MLflow's internal keys and request/response contents are left out;
 * - `url`: the trace in the MLflow UI.
 */
export function traceToRecord(trace: TraceInfo, context: TraceMappingContext): TraceMapping {
  const state = trace.state;
  if (state === 'IN_PROGRESS') return { kind: 'pending' };
  if (state !== 'OK' && state !== 'ERROR') {
    return {
      kind: 'problem',
      message: `trace ${trace.trace_id} has state ${state ?? '(none)'}, neither OK nor ERROR`,
    };
  }
  const requestTime = trace.request_time;
  const time = requestTime === undefined ? Number.NaN : Date.parse(requestTime);
  if (Number.isNaN(time)) {
    return { kind: 'problem', message: `trace ${trace.trace_id} has no valid request_time (${requestTime})` };
  }
  const latency = parseProtoDuration(trace.execution_duration);
  if (trace.execution_duration !== undefined && latency === undefined) {
    return {
      kind: 'problem',
      message: `trace ${trace.trace_id} has an unreadable execution_duration ${JSON.stringify(trace.execution_duration)}`,
    };
  }
  const tags = trace.tags ?? {};
  const traceMetadata = trace.trace_metadata ?? {};
  const lookup = (key: string) => text(safeGet(traceMetadata, key)) ?? text(safeGet(tags, key));
  const experimentId = trace.trace_location?.mlflow_experiment?.experiment_id;
  const tokens = parseTokenUsage(traceMetadata['mlflow.trace.tokenUsage']);
  let model: string | undefined;
  if (context.modelKey !== undefined) model = lookup(context.modelKey);
  else
    for (let index = 0; model === undefined && index < modelKeys.length; index++)
      model = lookup(modelKeys[index]!);
  const cost = traceCost(traceMetadata['mlflow.trace.cost'], tokens, model, context.prices);
  const dropped: DroppedKeys = [];
  const { scores, labels } = assessmentValues(trace.assessments, dropped);
  const { metadata, userTags } = recordMetadata(trace, labels, dropped);
  if (experimentId !== undefined) metadata.experiment_id = experimentId;
  if (context.extraMetadata)
    for (const [key, value] of Object.entries(context.extraMetadata)) safeSet(metadata, key, value);

  let error: string | undefined;
  if (state === 'ERROR') {
    for (let index = 0; error === undefined && index < errorKeys.length; index++)
      error = lookup(errorKeys[index]!);
  }
  const record: EvalRecord = {
    id: trace.client_request_id || trace.trace_id,
    timestamp: canonicalIso.test(requestTime!) ? requestTime : new Date(time).toISOString(),
    latency_ms: latency,
    status: state === 'OK' ? 'success' : 'error',
    error,
    cost_usd: cost,
    tokens,
    scores,
    tags: userTags.length > 0 ? userTags.sort() : undefined,
    metadata,
    source: context.source,
    url: experimentId === undefined ? undefined : context.links.trace(experimentId, trace.trace_id),
  };
  return { kind: 'record', record, time, ...(dropped.length > 0 ? { dropped } : {}) };
}

/**
 * A trace's tags and metadata as record metadata (dotted keys nested), its labels as `feedback`, and its user tags
 * as `key=value`. Keys that would reach an object prototype are left out and added to `dropped`.
 */
function recordMetadata(
  trace: TraceInfo,
  labels: Record<string, string> | undefined,
  dropped: DroppedKeys,
): { metadata: Record<string, unknown>; userTags: string[] } {
  const tags = trace.tags ?? {};
  const metadata: Record<string, unknown> = {};
  const userTags: string[] = [];
  for (const key of Object.keys(tags)) {
    const value = text(tags[key]);
    if (value === undefined) continue;
    if (!key.startsWith('mlflow.')) userTags.push(`${key}=${value}`);
    addMetadata(metadata, key, value, dropped);
  }
  const traceMetadata = trace.trace_metadata ?? {};
  for (const key of Object.keys(traceMetadata)) {
    const value = text(traceMetadata[key]);
    if (value !== undefined) addMetadata(metadata, key, value, dropped);
  }
  if (labels) metadata.feedback = labels;
  metadata.trace_id = trace.trace_id;
  return { metadata, userTags };
}

const canonicalIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Keeps a user key (nested by its dots) or one of MLflow's own under its friendly name; drops the rest. */
function addMetadata(
  metadata: Record<string, unknown>,
  key: string,
  value: string,
  dropped: DroppedKeys,
): void {
  const name = renamed.get(key);
  if (name !== undefined) metadata[name] = value;
  else if (!key.startsWith('mlflow.')) setDotted(metadata, key, value, dropped);
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Sets `a.b.c` as nested objects; keeps the flat key when a prefix is already a plain value (or the key has an
 * empty segment). Never writes through a prototype: keys with a `__proto__`, `constructor` or `prototype` segment
 * are left out and added to `dropped`.
 */
export function setDotted(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
  dropped?: DroppedKeys,
): void {
  const parts = key.split('.');
  if (parts.length === 1) {
    const existing = safeGet(target, key);
    if (existing === null || typeof existing !== 'object') safeSet(target, key, value, dropped);
    return;
  }
  if (parts.some((part) => part === '')) {
    safeSet(target, key, value, dropped);
    return;
  }
  if (safeSetPath(target, parts, value, dropped) === 'occupied') safeSet(target, key, value, dropped);
}
