import { createHash } from 'node:crypto';
import { SlokitError } from '@slokit/core';

/** Where a read of runs stands: which target, the server's cursor inside it, and the runs seen pending there. */
export interface RunCursor {
  /** Fingerprint of the read (targets, window, filter): a cursor only resumes the read it came from. */
  read: string;
  /** Index of the target (project) being read. */
  target: number;
  /** `v2` or `v1`: the API whose cursor `server` is. */
  api: 'v2' | 'v1';
  /** The server's cursor for the next page; null to start the target from its first page. */
  server: string | null;
  /** Runs of this target that were pending when paged past, to look at again when the target is done. */
  pending: string[];
}

const prefix = 'ls1.';

export function encodeRunCursor(cursor: RunCursor): string {
  return prefix + Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Parses a cursor of this source; a cursor of another read or another source is an error (exit 2). */
export function decodeRunCursor(text: string, read: string): RunCursor {
  let cursor: Partial<RunCursor> | undefined;
  if (text.startsWith(prefix)) {
    try {
      cursor = JSON.parse(
        Buffer.from(text.slice(prefix.length), 'base64url').toString('utf8'),
      ) as Partial<RunCursor>;
    } catch {
      cursor = undefined;
    }
  }
  if (
    !cursor ||
    typeof cursor.read !== 'string' ||
    typeof cursor.target !== 'number' ||
    (cursor.api !== 'v2' && cursor.api !== 'v1') ||
    !(cursor.server === null || typeof cursor.server === 'string') ||
    !Array.isArray(cursor.pending)
  ) {
    throw new SlokitError(`not a cursor of a LangSmith source: ${JSON.stringify(text.slice(0, 40))}`);
  }
  if (cursor.read !== read) {
    throw new SlokitError(
      'this cursor comes from a read with another window, filter or projects; resume with the same since and until',
    );
  }
  return cursor as RunCursor;
}

/** A short fingerprint of what a read asks for. */
export function readFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}
