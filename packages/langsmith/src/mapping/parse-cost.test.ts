import { describe, expect, it } from 'vitest';
import { parseCost } from './parse-cost.js';

describe('parseCost', () => {
  it('reads legacy decimal strings and v2 numbers', () => {
    expect(parseCost('0.00123400')).toBe(0.001234);
    expect(parseCost(0.0525)).toBe(0.0525);
    expect(parseCost('0')).toBe(0);
  });

  it('is undefined when absent or invalid', () => {
    expect(parseCost(null)).toBeUndefined();
    expect(parseCost(undefined)).toBeUndefined();
    expect(parseCost('')).toBeUndefined();
    expect(parseCost('n/a')).toBeUndefined();
    expect(parseCost(-1)).toBeUndefined();
    expect(parseCost(Number.NaN)).toBeUndefined();
  });
});
