import { describe, expect, it } from 'vitest';
import { logGamma } from './log-gamma.js';

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [3, Math.log(2)],
    [0.5, 0.5 * Math.log(Math.PI)], // Γ(1/2) = √π
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [10, Math.log(362880)], // 9!
    [20, Math.log(121645100408832000)], // 19!
  ])('logGamma(%d) = %d', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-13 * Math.max(1, Math.abs(expected)));
  });

  it('satisfies Γ(x + 1) = x Γ(x)', () => {
    for (const x of [1e-3, 0.1, 0.3, 2.7, 50.5, 1234.25]) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 11);
    }
  });

  it('rejects x <= 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1.5)).toThrow(RangeError);
  });
});
