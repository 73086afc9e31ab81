import { InputError } from '@slokit/core';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './calls-cursor.js';
import { SeenCalls } from './seen-calls.js';

describe('calls cursor', () => {
  it('round-trips and rejects what it did not make', () => {
    const cursor = {
      frontier: 1000,
      seen: [['a', 990]] as Array<[string, number]>,
      pending: [['b', 500]] as Array<[string, number]>,
      evaluation: 'e1',
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(() => decodeCursor('12')).toThrow(InputError);
    expect(() => decodeCursor(`weave1.${Buffer.from('{"frontier":"x"}').toString('base64url')}`)).toThrow(
      'not a cursor of a weave source',
    );
  });
});

describe('SeenCalls', () => {
  it('remembers ids until their start falls before the threshold; snapshots do not change', () => {
    const seen = new SeenCalls([['a', 10]]);
    seen.add('b', 20);
    seen.add('b', 20);
    seen.add('c', 30);
    const before = seen.snapshot();
    seen.forgetBefore(25);
    expect([seen.has('a'), seen.has('b'), seen.has('c'), seen.size]).toEqual([false, false, true, 1]);
    expect(before()).toEqual([
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ]);
    expect(seen.snapshot()()).toEqual([['c', 30]]);
  });

  it('compacts without breaking older snapshots', () => {
    const seen = new SeenCalls();
    for (let index = 0; index < 10_000; index++) seen.add(`id-${index}`, index);
    const snapshot = seen.snapshot();
    seen.forgetBefore(9_990);
    seen.add('late', 20_000);
    expect(seen.size).toBe(11);
    expect(snapshot()).toHaveLength(10_000);
    expect(seen.snapshot()()).toHaveLength(11);
  });
});
