import { EmulatorHttpError } from '../emulator-http-error.js';
import type { RunPosition } from '../run-order.js';

/** Cursors are base64url JSON arrays: `[offset]` for sessions, `[start, id]` for runs. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodePositionCursor(cursor: unknown): RunPosition | undefined {
  const parts = decodeParts(cursor);
  if (!parts) return undefined;
  const [start, id] = parts;
  if (typeof start !== 'number' || typeof id !== 'string') throw new EmulatorHttpError(400, 'Invalid cursor');
  return { start, id };
}

export function decodeOffsetCursor(cursor: string | null): number {
  const parts = decodeParts(cursor);
  if (!parts) return 0;
  const [offset] = parts;
  if (typeof offset !== 'number') throw new EmulatorHttpError(400, 'Invalid cursor');
  return offset;
}

function decodeParts(cursor: unknown): unknown[] | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  try {
    const parts = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts)) return parts;
  } catch {
    // fall through
  }
  throw new EmulatorHttpError(400, 'Invalid cursor');
}
