import { SlokitError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { decodeRunCursor, encodeRunCursor, readFingerprint } from './run-cursor.js';

describe('run cursors', () => {
  const read = readFingerprint({ since: '2026-11-26T13:00:00.000Z' });
  const cursor = { read, target: 1, api: 'v2' as const, server: 'abc', pending: ['r1'] };

  it('round-trip', () => {
    const text = encodeRunCursor(cursor);
    expect(text.startsWith('ls1.')).toBe(true);
    expect(decodeRunCursor(text, read)).toEqual(cursor);
  });

  it('only resume the read they came from', () => {
    const other = readFingerprint({ since: '2026-11-26T12:00:00.000Z' });
    expect(other).not.toBe(read);
    expect(() => decodeRunCursor(encodeRunCursor(cursor), other)).toThrow(
      'resume with the same since and until',
    );
    expect(() => decodeRunCursor('line:12', read)).toThrow(SlokitError);
    expect(() => decodeRunCursor('ls1.bm90IGpzb24', read)).toThrow('not a cursor of a LangSmith source');
  });
});
