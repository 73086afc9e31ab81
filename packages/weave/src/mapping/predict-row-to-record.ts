import type { DroppedKeys, EvalRecord } from '@slokit/core';
import { callSchema } from '../client/trace-server-types.js';
import { refName } from '../client/weave-refs.js';
import { callCost } from './call-cost.js';
import { callLatencyMs, callStatus, parseCallTime } from './call-fields.js';
import { invalid } from './call-to-record.js';
import { feedbackScores } from './feedback-scores.js';
import { flattenScores } from './flatten-scores.js';
import { type MappedCall, type MappingContext, recordIdOf } from './mapped-call.js';
import { mainModel, usageTokens } from './usage-tokens.js';

/**
 * One evaluated example (an `Evaluation.predict_and_score` call from Python, `Evaluation.predictAndScore` from
 * TypeScript) as a record: its scores (a scorer's dict gives dotted names), `model_latency` (model time, seconds)
 * as `latency_ms`, and a failed model call as an error: JS says `model_success: false`; Python leaves the output
 * null with a failed child (`descendant_error`).
 */
export function predictRowToRecord(raw: unknown, context: MappingContext): MappedCall {
  const parsed = callSchema.safeParse(raw);
  if (!parsed.success) return invalid(raw, parsed.error.issues[0]);
  const call = parsed.data;
  const time = parseCallTime(call.started_at);
  if (Number.isNaN(time))
    return { kind: 'invalid', callId: call.id, message: `started_at '${call.started_at}' is not a time` };
  const status = callStatus(call);
  if (status === 'running') return { kind: 'running', callId: call.id, time };
  const output =
    call.output !== null && typeof call.output === 'object' && !Array.isArray(call.output)
      ? (call.output as Record<string, unknown>)
      : {};
  const modelLatency = output.model_latency;
  const latency =
    typeof modelLatency === 'number' && Number.isFinite(modelLatency) && modelLatency >= 0
      ? Math.round(modelLatency * 1e6) / 1e3
      : callLatencyMs(call, time);
  if (latency === undefined)
    return { kind: 'invalid', callId: call.id, time, message: 'no model_latency and no end time' };

  const dropped: DroppedKeys = [];
  const scores: Record<string, number | boolean> = {};
  const rowScores = output.scores;
  if (rowScores !== null && typeof rowScores === 'object' && !Array.isArray(rowScores)) {
    for (const [scorer, value] of Object.entries(rowScores as Record<string, unknown>))
      flattenScores(scorer, value, scores, dropped);
  }
  const feedback = call.summary?.weave?.feedback;
  const found = feedback && feedback.length > 0 ? feedbackScores(feedback, dropped) : undefined;
  if (found) Object.assign(scores, found.scores);

  const modelOutput = 'output' in output ? output.output : output.model_output;
  const modelFailed =
    output.model_success === false ||
    (status === 'descendant_error' && modelOutput === null && Object.keys(scores).length === 0);
  const isError = status === 'error' || modelFailed;

  const usage = call.summary?.usage;
  const inputs = call.inputs ?? {};
  const metadata: Record<string, unknown> = {};
  const evaluation = refName(inputs.self);
  if (evaluation !== undefined) metadata.evaluation = evaluation;
  const model = refName(inputs.model) ?? (typeof inputs.model === 'string' ? inputs.model : undefined);
  if (model !== undefined) metadata.model = model;
  const llm = mainModel(usage);
  if (llm !== undefined) metadata.llm = llm;
  if (call.parent_id) metadata.evaluation_call = call.parent_id;
  if (context.recordId !== undefined) metadata.call_id = call.id;
  if (status === 'descendant_error' && !modelFailed) metadata.descendant_error = true;
  if (found) for (const type of found.types) metadata[`feedback:${type}`] = true;

  const record: EvalRecord = {
    id: recordIdOf(call, call.id, context.recordId),
    timestamp: new Date(time).toISOString(),
    latency_ms: latency,
    status: isError ? 'error' : 'success',
    error: isError ? (call.exception ?? 'the model call failed') : undefined,
    cost_usd: callCost(call.summary?.weave?.costs),
    tokens: usageTokens(usage),
    scores: Object.keys(scores).length > 0 ? scores : undefined,
    tags: undefined,
    metadata,
    source: context.source,
    url: context.callUrl(call.id),
  };
  return { kind: 'record', callId: call.id, record, time, ...(dropped.length > 0 ? { dropped } : {}) };
}
