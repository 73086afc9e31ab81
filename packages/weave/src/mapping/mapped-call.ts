import type { EvalRecord } from '@slokit/core';

/** What a call becomes: a record with its time, a running call (not counted until it ends), or an unusable call. */
export type MappedCall =
  | { kind: 'record'; record: EvalRecord; time: number }
  | { kind: 'running'; id: string; time: number }
  | { kind: 'invalid'; id: string | undefined; message: string };

export interface MappingContext {
  /** The configured source name, set on every record. */
  source: string;
  /** The link to a call in the Weave UI. */
  callUrl: (callId: string) => string;
}
