import { describe, expect, it } from 'vitest';
import { parseProtoDuration } from './parse-proto-duration.js';

describe('parseProtoDuration', () => {
  it('reads Duration JSON as milliseconds', () => {
    expect(parseProtoDuration('3.600s')).toBe(3600);
    expect(parseProtoDuration('0.420s')).toBe(420);
    expect(parseProtoDuration('12s')).toBe(12_000);
    expect(parseProtoDuration('0.000250s')).toBe(0.25);
    expect(parseProtoDuration('1.000000001s')).toBe(1000);
  });

  it('is undefined for anything else', () => {
    expect(parseProtoDuration(undefined)).toBeUndefined();
    expect(parseProtoDuration('-1s')).toBeUndefined();
    expect(parseProtoDuration('3600ms')).toBeUndefined();
    expect(parseProtoDuration('1.5')).toBeUndefined();
  });
});
