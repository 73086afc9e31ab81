import { InputError } from '@slokit/core';

/** Where a read of calls resumes. Opaque to users: the `cursor` of a RecordBatch. */
export interface CallsCursor {
  /** `started_at` (epoch ms) of the last call read. */
  frontier: number;
  /** Calls already returned that started at or after `frontier − overlap`, as `[id, time]`: never returned again. */
  seen: Array<[string, number]>;
  /** Calls that were still running when read, as `[id, time]`: returned on resume once they have ended. */
  pending: Array<[string, number]>;
  /** The evaluation run the rows belong to, so that a resumed read stays on that run. */
  evaluation?: string;
}

const prefix = 'weave1.';

export function encodeCursor(cursor: CallsCursor): string {
  return prefix + Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): CallsCursor {
  const fail = (): never => {
    throw new InputError(
      'cursor',
      undefined,
      'not a cursor of a weave source (read it from a batch of this source)',
    );
  };
  if (!text.startsWith(prefix)) return fail();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    return fail();
  }
  const cursor = value as Partial<CallsCursor>;
  const pairs = (list: unknown) =>
    Array.isArray(list) &&
    list.every(
      (entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number',
    );
  if (
    typeof cursor !== 'object' ||
    cursor === null ||
    typeof cursor.frontier !== 'number' ||
    !Number.isFinite(cursor.frontier) ||
    !pairs(cursor.seen) ||
    !pairs(cursor.pending) ||
    (cursor.evaluation !== undefined && typeof cursor.evaluation !== 'string')
  ) {
    return fail();
  }
  return cursor as CallsCursor;
}
