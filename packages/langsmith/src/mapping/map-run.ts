import { type DroppedKeys, type EvalRecord, safeCopy, type TokenUsage } from '@slokit/core';
import { feedbackScores } from './feedback-scores.js';
import { parseCost } from './parse-cost.js';
import { parseLangSmithTime } from './parse-langsmith-time.js';
import { runLatencyMs, runStatus } from './run-status.js';
import { runUrl } from './run-url.js';

/** Where a run was read from: what its record's `source` and `url` need. */
export interface RunContext {
  source: string;
  webUrl: string;
  tenantId: string;
  /** The project the run was queried in (v2 runs carry `project_id`, legacy ones `session_id`). */
  projectId: string;
}

export type MappedRun =
  /** `dropped`: metadata and feedback keys left out because they would reach an object prototype, to report. */
  | { kind: 'record'; id: string; record: EvalRecord; time: number; dropped?: string[] }
  | { kind: 'pending'; id: string }
  | { kind: 'issue'; id: string | undefined; message: string };

/**
 * One LangSmith run (a v2 or legacy run object) as a record: start time, latency, status, error, cost, tokens, the
 * average of each feedback key as a score, tags, metadata and a link to the run. A pending run is not a record yet;
 * a run slokit cannot use is an issue with the reason.
 */
export function mapRun(run: unknown, context: RunContext): MappedRun {
  if (run === null || typeof run !== 'object')
    return { kind: 'issue', id: undefined, message: 'not a run object' };
  const fields = run as Record<string, unknown>;
  const id = typeof fields.id === 'string' && fields.id !== '' ? fields.id : undefined;
  if (id === undefined) return { kind: 'issue', id, message: 'a run without an id' };
  const status = runStatus(fields);
  if (status === 'pending') return { kind: 'pending', id };
  const start = parseLangSmithTime(fields.start_time);
  if (start === undefined)
    return { kind: 'issue', id, message: `start_time is not a time: ${JSON.stringify(fields.start_time)}` };
  const end = parseLangSmithTime(fields.end_time);
  const latency = runLatencyMs(fields, start, end);
  if (latency !== undefined && latency < 0)
    return { kind: 'issue', id, message: `the run ends before it starts (latency ${latency} ms)` };

  const dropped: DroppedKeys = [];
  const record: EvalRecord = {
    id,
    timestamp: new Date(Math.floor(start)).toISOString(),
    status,
    source: context.source,
  };
  if (latency !== undefined) record.latency_ms = latency;
  if (typeof fields.error === 'string' && fields.error !== '') record.error = fields.error;
  const cost = parseCost(fields.total_cost);
  if (cost !== undefined) record.cost_usd = cost;
  const tokens = runTokens(fields);
  if (tokens) record.tokens = tokens;
  const scores = feedbackScores(fields.feedback_stats, dropped);
  if (scores) record.scores = scores;
  if (Array.isArray(fields.tags))
    record.tags = fields.tags.filter((tag): tag is string => typeof tag === 'string');
  const metadata = runMetadata(fields, dropped);
  if (metadata) record.metadata = metadata;
  const projectId =
    typeof fields.project_id === 'string'
      ? fields.project_id
      : typeof fields.session_id === 'string'
        ? fields.session_id
        : context.projectId;
  record.url = runUrl({ webUrl: context.webUrl, tenantId: context.tenantId, projectId, runId: id });
  return { kind: 'record', id, record, time: start, ...(dropped.length > 0 ? { dropped } : {}) };
}

/** Prompt, completion and total tokens, when the run has any. */
export function runTokens(run: Record<string, unknown>): TokenUsage | undefined {
  const tokens: TokenUsage = {};
  for (const [field, key] of [
    ['prompt_tokens', 'prompt'],
    ['completion_tokens', 'completion'],
    ['total_tokens', 'total'],
  ] as const) {
    const value = run[field];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) tokens[key] = value;
  }
  return Object.keys(tokens).length > 0 ? tokens : undefined;
}

/**
 * Run metadata: top-level `metadata` in v2, `extra.metadata` in the legacy API; copied without keys that would
 * reach an object prototype (added to `dropped`).
 */
export function runMetadata(
  run: Record<string, unknown>,
  dropped?: DroppedKeys,
): Record<string, unknown> | undefined {
  const extra = run.extra as { metadata?: unknown } | null | undefined;
  const metadata = run.metadata ?? (extra !== null && typeof extra === 'object' ? extra.metadata : undefined);
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return undefined;
  const copy = safeCopy(metadata, dropped, 'metadata') as Record<string, unknown>;
  return Object.keys(copy).length > 0 ? copy : undefined;
}
