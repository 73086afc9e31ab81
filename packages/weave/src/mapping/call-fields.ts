import { type DroppedKeys, safeSet } from '@slokit/core';
import type { WeaveCall } from '../client/trace-server-types.js';

export type CallStatus = 'success' | 'error' | 'running' | 'descendant_error';

const statuses = new Set<string>(['success', 'error', 'running', 'descendant_error']);
const hasZone = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/** A trace server time (`2024-12-06T17:10:12.590000Z`) in epoch ms; a time without a zone is UTC. NaN when invalid. */
export function parseCallTime(text: string | null | undefined): number {
  if (typeof text !== 'string' || text === '') return Number.NaN;
  return Date.parse(hasZone.test(text) ? text : `${text}Z`);
}

/**
 * The call's status: the server's derived `summary.weave.status`, or, from an older server, the same rules applied
 * to the call (an exception is an error; no end time is running; children that failed are `descendant_error`).
 */
export function callStatus(call: WeaveCall): CallStatus {
  const status = call.summary?.weave?.status;
  if (typeof status === 'string' && statuses.has(status)) return status as CallStatus;
  if (call.exception !== null && call.exception !== undefined) return 'error';
  if (call.ended_at === null || call.ended_at === undefined) return 'running';
  const counts = (call.summary as Record<string, unknown> | null | undefined)?.status_counts as
    | Record<string, unknown>
    | undefined;
  if (counts && typeof counts.error === 'number' && counts.error > 0) return 'descendant_error';
  return 'success';
}

/** `summary.weave.latency_ms`, or the time between start and end when the server did not derive it. */
export function callLatencyMs(call: WeaveCall, startedMs: number): number | undefined {
  const latency = call.summary?.weave?.latency_ms;
  if (typeof latency === 'number' && Number.isFinite(latency) && latency >= 0) return latency;
  const ended = parseCallTime(call.ended_at);
  if (Number.isNaN(ended) || Number.isNaN(startedMs) || ended < startedMs) return undefined;
  return ended - startedMs;
}

/**
 * The attributes a user set (`weave.withAttributes({tenant: 'acme'})`, `weave.attributes(...)`) that are plain
 * values: they become metadata, for `groupBy`. The SDKs' own `weave` block and `_`-prefixed keys are left out.
 */
export function userAttributes(
  attributes: Record<string, unknown> | null | undefined,
  dropped?: DroppedKeys,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!attributes) return result;
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'weave' || (key.startsWith('_') && key !== '__proto__')) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      safeSet(result, key, value, dropped, `attributes.${key}`);
  }
  return result;
}
