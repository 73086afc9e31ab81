import type { EvalRecord } from '@slokit/core';
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
  | { kind: 'record'; record: EvalRecord; time: number }
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
const renamed: Record<string, string> = {
  'mlflow.trace.user': 'user',
  'mlflow.trace.session': 'session',
  'mlflow.traceName': 'trace_name',
  'mlflow.sourceRun': 'run_id',
  'mlflow.modelId': 'model_id',
};

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
  const lookup = (key: string) => text(traceMetadata[key]) ?? text(tags[key]);
  const experimentId = trace.trace_location?.mlflow_experiment?.experiment_id;
  const tokens = parseTokenUsage(traceMetadata['mlflow.trace.tokenUsage']);
  let model: string | undefined;
  if (context.modelKey !== undefined) model = lookup(context.modelKey);
  else
    for (let index = 0; model === undefined && index < modelKeys.length; index++)
      model = lookup(modelKeys[index]!);
  const cost = traceCost(traceMetadata['mlflow.trace.cost'], tokens, model, context.prices);
  const { scores, labels } = assessmentValues(trace.assessments);

  const metadata: Record<string, unknown> = {};
  const userTags: string[] = [];
  for (const key in tags) {
    const value = text(tags[key]);
    if (value === undefined) continue;
    if (!key.startsWith('mlflow.')) userTags.push(`${key}=${value}`);
    addMetadata(metadata, key, value);
  }
  for (const key in traceMetadata) {
    const value = text(traceMetadata[key]);
    if (value !== undefined) addMetadata(metadata, key, value);
  }
  if (labels) metadata.feedback = labels;
  metadata.trace_id = trace.trace_id;
  if (experimentId !== undefined) metadata.experiment_id = experimentId;
  if (context.extraMetadata) Object.assign(metadata, context.extraMetadata);

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
  return { kind: 'record', record, time };
}

const canonicalIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Keeps a user key (nested by its dots) or one of MLflow's own under its friendly name; drops the rest. */
function addMetadata(metadata: Record<string, unknown>, key: string, value: string): void {
  const name = renamed[key];
  if (name !== undefined) metadata[name] = value;
  else if (!key.startsWith('mlflow.')) setDotted(metadata, key, value);
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Sets `a.b.c` as nested objects; keeps the flat key when a prefix is already a plain value. */
export function setDotted(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!key.includes('.')) {
    const existing = target[key];
    if (existing === null || typeof existing !== 'object') target[key] = value;
    return;
  }
  const parts = key.split('.');
  if (parts.some((part) => part === '')) {
    target[key] = value;
    return;
  }
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === undefined) {
      const child: Record<string, unknown> = {};
      node[part] = child;
      node = child;
    } else if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      target[key] = value;
      return;
    }
  }
  const last = parts[parts.length - 1]!;
  const existing = node[last];
  if (existing !== null && typeof existing === 'object') target[key] = value;
  else node[last] = value;
}
