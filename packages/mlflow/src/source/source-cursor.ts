import { InputError } from '@slokit/core';
import type { TracesCursor } from './read-trace-pages.js';

/** Where an MLflow source resumes. Traces sources keep a traces cursor; eval-run sources the run and its phase. */
export type SourceCursor =
  | { v: 1; mode: 'traces'; traces: TracesCursor }
  | {
      v: 1;
      mode: 'runs';
      run: { id: string; start: number };
      /** `traces`: the run's per-row traces (with their cursor); `table`: rows of its eval table read so far. */
      phase: 'traces' | 'table';
      traces?: TracesCursor;
      rows?: number;
    };

export function encodeCursor(cursor: SourceCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string, source: string, mode: SourceCursor['mode']): SourceCursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  const candidate = cursor as Partial<SourceCursor> | undefined;
  if (candidate?.v !== 1 || candidate.mode !== mode) {
    throw new InputError('cursor', undefined, `not a cursor of MLflow source '${source}' (${mode})`);
  }
  return candidate as SourceCursor;
}

/** The cursor of an eval-runs read inside one run: in its traces, or in its results table. */
export function runCursor(
  key: { id: string; start: number },
  phase: 'traces' | 'table',
  rest: { traces?: TracesCursor; rows?: number },
): SourceCursor {
  return { v: 1, mode: 'runs', run: key, phase, ...rest };
}
