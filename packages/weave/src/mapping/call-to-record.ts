import type { DroppedKeys, EvalRecord } from '@slokit/core';
import { callSchema } from '../client/trace-server-types.js';
import { opNameOf } from '../client/weave-refs.js';
import { callCost } from './call-cost.js';
import { callLatencyMs, callStatus, parseCallTime, userAttributes } from './call-fields.js';
import { feedbackScores } from './feedback-scores.js';
import { type MappedCall, type MappingContext, recordIdOf } from './mapped-call.js';
import { mainModel, usageTokens } from './usage-tokens.js';

/**
 * A traced call (a production op) as a record: latency from `summary.weave.latency_ms`, status from
 * `summary.weave.status` (`descendant_error` is a success of this call, flagged in `metadata.descendant_error`),
 * tokens from `summary.usage`, cost from `summary.weave.costs`, scores from scorer and annotation feedback, the
 * user's attributes, op and main LLM in metadata. A running call is reported as such, to be counted once it ends.
 */
export function callToRecord(raw: unknown, context: MappingContext): MappedCall {
  const parsed = callSchema.safeParse(raw);
  if (!parsed.success) return invalid(raw, parsed.error.issues[0]);
  const call = parsed.data;
  const time = parseCallTime(call.started_at);
  if (Number.isNaN(time))
    return { kind: 'invalid', callId: call.id, message: `started_at '${call.started_at}' is not a time` };
  const status = callStatus(call);
  if (status === 'running') return { kind: 'running', callId: call.id, time };
  const latency = callLatencyMs(call, time);
  if (latency === undefined) {
    return {
      kind: 'invalid',
      callId: call.id,
      time,
      message: `no latency: ended_at '${call.ended_at}' is not after started_at`,
    };
  }
  const usage = call.summary?.usage;
  const dropped: DroppedKeys = [];
  const metadata: Record<string, unknown> = userAttributes(call.attributes, dropped);
  metadata.op = opNameOf(call.op_name);
  const model = mainModel(usage);
  if (model !== undefined) metadata.model = model;
  if (call.display_name) metadata.display_name = call.display_name;
  if (context.recordId !== undefined) metadata.call_id = call.id;
  if (status === 'descendant_error') metadata.descendant_error = true;
  const feedback = call.summary?.weave?.feedback;
  const found = feedback && feedback.length > 0 ? feedbackScores(feedback, dropped) : undefined;
  if (found) for (const type of found.types) metadata[`feedback:${type}`] = true;
  const record: EvalRecord = {
    id: recordIdOf(call, call.id, context.recordId),
    timestamp: new Date(time).toISOString(),
    latency_ms: latency,
    status: status === 'error' ? 'error' : 'success',
    error: status === 'error' ? (call.exception ?? 'error') : undefined,
    cost_usd: callCost(call.summary?.weave?.costs),
    tokens: usageTokens(usage),
    scores: found && Object.keys(found.scores).length > 0 ? found.scores : undefined,
    tags: undefined,
    metadata,
    source: context.source,
    url: context.callUrl(call.id),
  };
  return { kind: 'record', callId: call.id, record, time, ...(dropped.length > 0 ? { dropped } : {}) };
}

/** A call the wire schema rejects, with its id and start time when those at least can be read. */
export function invalid(
  raw: unknown,
  issue: { path: PropertyKey[]; message: string } | undefined,
): MappedCall {
  const fields = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const where = issue ? `${issue.path.map(String).join('.') || '(call)'}: ${issue.message}` : 'not a call';
  const time = parseCallTime(typeof fields.started_at === 'string' ? fields.started_at : undefined);
  return {
    kind: 'invalid',
    callId: typeof fields.id === 'string' ? fields.id : undefined,
    ...(Number.isNaN(time) ? {} : { time }),
    message: `unusable call: ${where}`,
  };
}
