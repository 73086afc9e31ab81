import {
  type EmulatorDataset,
  type EmulatorFeedback,
  type EmulatorRun,
  type EmulatorSession,
  runMetadata,
  runStatus,
} from './emulator-records.js';
import type { EmulatorState } from './emulator-state.js';
import { feedbackStats } from './run-stats.js';

/** The fields `/runs/query` returns when the request has no `select` (those the SDK's `listRuns` asks for). */
export const legacyDefaultSelect = [
  'app_path',
  'completion_cost',
  'completion_tokens',
  'dotted_order',
  'end_time',
  'error',
  'events',
  'extra',
  'feedback_stats',
  'first_token_time',
  'id',
  'inputs',
  'name',
  'outputs',
  'parent_run_id',
  'parent_run_ids',
  'prompt_cost',
  'prompt_tokens',
  'reference_example_id',
  'run_type',
  'session_id',
  'start_time',
  'status',
  'tags',
  'total_cost',
  'total_tokens',
  'trace_id',
] as const;

/** The `selects` values of `/api/v2/runs/query` the emulator answers (LangSmith's `RunSelectField`). */
export const v2SelectFields = new Set([
  'ID',
  'NAME',
  'RUN_TYPE',
  'STATUS',
  'START_TIME',
  'END_TIME',
  'LATENCY_SECONDS',
  'FIRST_TOKEN_TIME',
  'ERROR',
  'ERROR_PREVIEW',
  'EXTRA',
  'METADATA',
  'EVENTS',
  'INPUTS',
  'INPUTS_PREVIEW',
  'OUTPUTS',
  'OUTPUTS_PREVIEW',
  'MANIFEST',
  'PARENT_RUN_IDS',
  'PROJECT_ID',
  'TRACE_ID',
  'THREAD_ID',
  'DOTTED_ORDER',
  'IS_ROOT',
  'REFERENCE_EXAMPLE_ID',
  'REFERENCE_DATASET_ID',
  'TOTAL_TOKENS',
  'PROMPT_TOKENS',
  'COMPLETION_TOKENS',
  'TOTAL_COST',
  'PROMPT_COST',
  'COMPLETION_COST',
  'PROMPT_TOKEN_DETAILS',
  'COMPLETION_TOKEN_DETAILS',
  'PROMPT_COST_DETAILS',
  'COMPLETION_COST_DETAILS',
  'PRICE_MODEL_ID',
  'TAGS',
  'APP_PATH',
  'ATTACHMENTS',
  'THREAD_EVALUATION_TIME',
  'IS_IN_DATASET',
  'LAST_QUEUED_AT',
  'SHARE_URL',
  'FEEDBACK_STATS',
  'LS_USER_ID',
]);

/** `2026-11-26T12:00:30.123000`: legacy endpoints return times in UTC without a zone, with microseconds. */
export function naiveTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

/** Legacy cost strings: decimals as text, as the v1 API returns them. */
function decimalText(value: number | null): string | null {
  return value === null ? null : value.toFixed(8).replace(/0+$/, '').replace(/\.$/, '.0');
}

function parentRunIds(state: EmulatorState, run: EmulatorRun): string[] {
  const ids: string[] = [];
  let parent = run.parent_run_id;
  while (parent !== null) {
    ids.unshift(parent);
    parent = state.runs.get(parent)?.parent_run_id ?? null;
  }
  return ids;
}

function appPath(state: EmulatorState, run: EmulatorRun): string {
  return `/o/${state.tenantId}/projects/p/${run.session_id}/r/${run.id}?trace_id=${run.trace_id}&start_time=${naiveTime(run.start)}`;
}

/** A run as `POST /runs/query` returns it: lower-case enums, `extra.metadata`, subtree token and cost totals as decimal strings. */
export function legacyRunJson(
  state: EmulatorState,
  run: EmulatorRun,
  select: readonly string[],
): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  const usage = state.subtreeUsage(run);
  for (const field of select) {
    switch (field) {
      case 'id':
      case 'name':
      case 'run_type':
      case 'error':
      case 'inputs':
      case 'outputs':
      case 'extra':
      case 'tags':
      case 'parent_run_id':
      case 'trace_id':
      case 'dotted_order':
      case 'reference_example_id':
      case 'session_id':
        json[field] = run[field];
        break;
      case 'start_time':
        json.start_time = naiveTime(run.start);
        break;
      case 'end_time':
        json.end_time = run.end === null ? null : naiveTime(run.end);
        break;
      case 'status':
        json.status = runStatus(run);
        break;
      case 'prompt_tokens':
      case 'completion_tokens':
      case 'total_tokens':
        json[field] = usage[field] ?? 0;
        break;
      case 'prompt_cost':
      case 'completion_cost':
      case 'total_cost':
        json[field] = decimalText(usage[field]);
        break;
      case 'feedback_stats':
        json.feedback_stats = runFeedbackStats(state, run);
        break;
      case 'parent_run_ids':
        json.parent_run_ids = parentRunIds(state, run);
        break;
      case 'app_path':
        json.app_path = appPath(state, run);
        break;
      case 'events':
        json.events = [];
        break;
      case 'first_token_time':
        json.first_token_time = null;
        break;
      default:
        break;
    }
  }
  return json;
}

/**
 * A run as `POST /api/v2/runs/query` returns it: only the selected fields, upper-case enums, top-level `metadata`,
 * `project_id`, numeric costs, and a run's own usage unless `include_subtree_usage` asks for its subtree's.
 */
export function v2RunJson(
  state: EmulatorState,
  run: EmulatorRun,
  selects: readonly string[],
  includeSubtreeUsage: boolean,
): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  const usage = includeSubtreeUsage ? state.subtreeUsage(run) : run.usage;
  for (const field of selects) {
    switch (field) {
      case 'ID':
        json.id = run.id;
        break;
      case 'NAME':
        json.name = run.name;
        break;
      case 'RUN_TYPE':
        json.run_type = run.run_type.toUpperCase();
        break;
      case 'STATUS':
        json.status = runStatus(run).toUpperCase();
        break;
      case 'START_TIME':
        json.start_time = new Date(run.start).toISOString();
        break;
      case 'END_TIME':
        json.end_time = run.end === null ? null : new Date(run.end).toISOString();
        break;
      case 'LATENCY_SECONDS':
        if (run.end !== null) json.latency_seconds = (run.end - run.start) / 1000;
        break;
      case 'ERROR':
        if (run.error !== null) json.error = run.error;
        break;
      case 'EXTRA':
        json.extra = run.extra;
        break;
      case 'METADATA':
        json.metadata = runMetadata(run);
        break;
      case 'INPUTS':
        json.inputs = run.inputs ?? {};
        break;
      case 'OUTPUTS':
        json.outputs = run.outputs ?? {};
        break;
      case 'TAGS':
        json.tags = run.tags;
        break;
      case 'TRACE_ID':
        json.trace_id = run.trace_id;
        break;
      case 'PROJECT_ID':
        json.project_id = run.session_id;
        break;
      case 'PARENT_RUN_IDS':
        json.parent_run_ids = parentRunIds(state, run);
        break;
      case 'IS_ROOT':
        json.is_root = run.parent_run_id === null;
        break;
      case 'DOTTED_ORDER':
        json.dotted_order = run.dotted_order;
        break;
      case 'REFERENCE_EXAMPLE_ID':
        if (run.reference_example_id !== null) json.reference_example_id = run.reference_example_id;
        break;
      case 'TOTAL_TOKENS':
      case 'PROMPT_TOKENS':
      case 'COMPLETION_TOKENS':
      case 'TOTAL_COST':
      case 'PROMPT_COST':
      case 'COMPLETION_COST': {
        const key = field.toLowerCase() as keyof typeof usage;
        const value = usage[key];
        if (value !== null) json[key] = value;
        break;
      }
      case 'FEEDBACK_STATS':
        json.feedback_stats = runFeedbackStats(state, run);
        break;
      case 'APP_PATH':
        json.app_path = appPath(state, run);
        break;
      default:
        break;
    }
  }
  return json;
}

function runFeedbackStats(state: EmulatorState, run: EmulatorRun) {
  const feedback = state.runFeedback(run.id);
  if (feedback.length === 0) return {};
  const stats = feedbackStats(feedback);
  const result: Record<string, Record<string, unknown>> = {};
  for (const [key, stat] of Object.entries(stats)) {
    result[key] = {
      n: stat.n,
      avg: stat.avg,
      stdev: stat.stdev,
      min: stat.min,
      max: stat.max,
      errors: stat.errors,
      values: stat.values,
      comments: feedback.filter((entry) => entry.key === key && entry.comment).map((entry) => entry.comment),
    };
  }
  return result;
}

/** A session as `/sessions` returns it; with stats when asked (root runs, at or after `statsSince`). */
export function sessionJson(
  state: EmulatorState,
  session: EmulatorSession,
  options: { includeStats?: boolean; statsSince?: number } = {},
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: session.id,
    name: session.name,
    description: session.description,
    tenant_id: session.tenant_id,
    start_time: naiveTime(session.start_time),
    end_time: session.end_time === null ? null : naiveTime(session.end_time),
    extra: session.extra,
    reference_dataset_id: session.reference_dataset_id,
    default_dataset_id: null,
    trace_tier: 'longlived',
  };
  if (options.includeStats) {
    Object.assign(json, state.sessionStats(session, options.statsSince));
    json.session_feedback_stats = feedbackStats(state.sessionFeedback(session.id));
  }
  return json;
}

export function datasetJson(state: EmulatorState, dataset: EmulatorDataset): Record<string, unknown> {
  const sessions = [...state.sessions.values()].filter(
    (session) => session.reference_dataset_id === dataset.id,
  );
  return {
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    tenant_id: dataset.tenant_id,
    created_at: naiveTime(dataset.created_at),
    modified_at: naiveTime(dataset.created_at),
    data_type: dataset.data_type,
    extra: dataset.extra,
    example_count: 0,
    session_count: sessions.length,
    last_session_start_time:
      sessions.length === 0 ? null : naiveTime(Math.max(...sessions.map((session) => session.start_time))),
  };
}

export function feedbackJson(feedback: EmulatorFeedback): Record<string, unknown> {
  return {
    id: feedback.id,
    run_id: feedback.run_id,
    trace_id: feedback.trace_id,
    session_id: feedback.session_id,
    key: feedback.key,
    score: feedback.score,
    value: feedback.value,
    comment: feedback.comment,
    correction: feedback.correction,
    feedback_source: feedback.feedback_source,
    created_at: naiveTime(feedback.created_at),
    modified_at: naiveTime(feedback.modified_at),
  };
}
