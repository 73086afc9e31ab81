import { describe, expect, it } from 'vitest';
import { parseLangSmithTime } from './parse-langsmith-time.js';

describe('parseLangSmithTime', () => {
  it('reads legacy times without a zone as UTC, keeping microseconds', () => {
    expect(parseLangSmithTime('2026-11-26T12:00:30.123456')).toBeCloseTo(
      Date.parse('2026-11-26T12:00:30.123Z') + 0.456,
      6,
    );
    expect(parseLangSmithTime('2026-11-26T12:00:30')).toBe(Date.parse('2026-11-26T12:00:30Z'));
  });

  it('reads RFC 3339 times with a zone', () => {
    expect(parseLangSmithTime('2026-11-26T12:00:30.5Z')).toBe(Date.parse('2026-11-26T12:00:30.500Z'));
    expect(parseLangSmithTime('2026-11-26T13:00:30+01:00')).toBe(Date.parse('2026-11-26T12:00:30Z'));
  });

  it('is undefined for what is not a time', () => {
    expect(parseLangSmithTime(undefined)).toBeUndefined();
    expect(parseLangSmithTime(null)).toBeUndefined();
    expect(parseLangSmithTime(1_795_694_400_000)).toBeUndefined();
    expect(parseLangSmithTime('yesterday')).toBeUndefined();
    expect(parseLangSmithTime('2026-13-40T99:00:00')).toBeUndefined();
  });
});
