import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['7d', 604_800_000],
    ['30d', 2_592_000_000],
    ['4w', 2_419_200_000],
  ])('%s is %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['', '1', 'h', '1y', '-1h', '0h', '1 h x', '1H'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
