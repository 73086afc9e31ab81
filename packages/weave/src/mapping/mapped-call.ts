import { type EvalRecord, safeGet } from '@slokit/core';

/** What a call becomes: a record with its time, a running call (not counted until it ends), or an unusable call. */
export type MappedCall =
  /** `dropped`: keys left out because they would reach an object prototype, to report. */
  | { kind: 'record'; callId: string; record: EvalRecord; time: number; dropped?: string[] }
  | { kind: 'running'; callId: string; time: number }
  /** `time` is the call's start when it could be read, to keep paging in order. */
  | { kind: 'invalid'; callId: string | undefined; time?: number; message: string };

export interface MappingContext {
  /** The configured source name, set on every record. */
  source: string;
  /**
   * Where a record's id comes from: a dotted path into the call (`attributes.request_id`); the call id when absent
   * or when the call has no string or number there.
   */
  recordId?: string;
  /** The link to a call in the Weave UI. */
  callUrl: (callId: string) => string;
}

/** The record id of a call: the value at `context.recordId` when it is a string or number, else the call id. */
export function recordIdOf(
  call: Record<string, unknown>,
  callId: string,
  recordId: string | undefined,
): string {
  if (recordId === undefined) return callId;
  let value: unknown = call;
  for (const segment of recordId.split('.')) {
    if (value === null || typeof value !== 'object') return callId;
    value = safeGet(value, segment);
  }
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return callId;
}
