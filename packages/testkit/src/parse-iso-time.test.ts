import { describe, expect, it } from 'vitest';
import { parseIsoTime } from './parse-iso-time.js';

describe('parseIsoTime', () => {
  it.each([
    ['2026-11-26', Date.UTC(2026, 10, 26)],
    ['2026-11-26T14:00Z', Date.UTC(2026, 10, 26, 14)],
    ['2026-11-26T14:00:00.123Z', Date.UTC(2026, 10, 26, 14, 0, 0, 123)],
    ['2026-11-26T16:00:00+02:00', Date.UTC(2026, 10, 26, 14)],
  ])('reads %s', (text, expected) => {
    expect(parseIsoTime(text)).toBe(expected);
  });

  it.each(['', 'yesterday', 'Nov 26 2026', '2026-11-26T14:00:00', '2026-13-40', '2026-11-26 14:00Z'])(
    'refuses %j',
    (text) => {
      expect(parseIsoTime(text)).toBeNaN();
    },
  );
});
