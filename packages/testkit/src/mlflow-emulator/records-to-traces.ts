import type { EvalRecord } from '@slokit/core';
import type { EmulatorIds } from './emulator-ids.js';
import type { StoredAssessment, StoredTrace } from './store/stored-records.js';

export interface TraceSeedOptions {
  /**
   * Write `mlflow.trace.cost` metadata from `cost_usd` (MLflow after 3.6 does; 3.6 does not, so readers must fall back
   * to a price table). Default true.
   */
  costMetadata?: boolean;
  /** Add short request/response previews, as real traces have. Default true. */
  previews?: boolean;
  /** The `mlflow.traceName` tag. Default `support_agent`. */
  traceName?: string;
  /** Also set `mlflow.sourceRun` metadata: the traces are an eval run's per-row traces. */
  sourceRun?: string;
}

/**
 * A slokit record as the MLflow trace an instrumented app would have logged: `client_request_id` is the record id,
 * `execution_duration` its latency, `state` OK/ERROR, token usage and cost in the trace metadata, the record's
 * metadata as trace metadata (`user_id` as `mlflow.trace.user`), its error as the `error.message` tag, and each
 * score as an LLM-judge Feedback assessment.
 */
export function recordToTrace(
  record: EvalRecord,
  experimentId: string,
  ids: EmulatorIds,
  options: TraceSeedOptions = {},
): StoredTrace {
  const timestampMs = record.timestamp === undefined ? Date.now() : Date.parse(record.timestamp);
  const executionMs = Math.round(record.latency_ms ?? 0);
  const traceId = ids.traceId();
  const metadata: Record<string, string> = { 'mlflow.trace_schema.version': '3' };
  if (record.tokens) {
    const input = record.tokens.prompt ?? 0;
    const output = record.tokens.completion ?? 0;
    const total = record.tokens.total ?? input + output;
    metadata['mlflow.trace.tokenUsage'] =
      `{"input_tokens": ${input}, "output_tokens": ${output}, "total_tokens": ${total}}`;
  }
  if ((options.costMetadata ?? true) && record.cost_usd !== undefined) {
    metadata['mlflow.trace.cost'] = `{"total_cost": ${record.cost_usd}}`;
  }
  if (options.sourceRun !== undefined) metadata['mlflow.sourceRun'] = options.sourceRun;
  for (const [key, value] of Object.entries(record.metadata ?? {})) {
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (key === 'user_id') metadata['mlflow.trace.user'] = text;
    else metadata[key] = text.slice(0, 250);
  }
  const tags: Record<string, string> = { 'mlflow.traceName': options.traceName ?? 'support_agent' };
  if (record.error !== undefined) tags['error.message'] = record.error;
  const previews = options.previews ?? true;
  const judgedAt = new Date(timestampMs + executionMs + 500).toISOString();
  const assessments: StoredAssessment[] = Object.entries(record.scores ?? {}).map(([name, value]) => ({
    assessmentId: ids.assessmentId(),
    assessmentName: name,
    traceId,
    spanId: undefined,
    source: { source_type: 'LLM_JUDGE', source_id: 'openai:/gpt-4o-mini' },
    createTime: judgedAt,
    lastUpdateTime: judgedAt,
    feedback: { value },
    expectation: undefined,
    rationale: undefined,
    metadata: undefined,
    overrides: undefined,
    valid: true,
  }));
  return {
    traceId,
    clientRequestId: record.id,
    experimentId,
    timestampMs,
    executionMs,
    state: record.status === 'error' ? 'ERROR' : 'OK',
    metadata,
    tags,
    requestPreview: previews
      ? `{"messages": [{"role": "user", "content": "Question ${record.id ?? traceId}"}]}`
      : undefined,
    responsePreview:
      previews && record.status !== 'error'
        ? `{"role": "assistant", "content": "Answer to ${record.id ?? traceId}"}`
        : undefined,
    assessments,
    linkedRuns: new Set(),
  };
}
