import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile.js';

describe('normalQuantile', () => {
  // Reference values: scipy.stats.norm.ppf.
  it.each([
    [0.975, 1.959963984540054],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.99, 2.3263478740408408],
    [0.995, 2.5758293035489004],
    [0.999, 3.090232306167813],
    [0.8413447460685429, 1], // Φ(1)
    [0.3, -0.5244005127080407],
    [0.025, -1.959963984540054],
  ])('normalQuantile(%d) = %d', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-14);
  });

  it('is accurate in the far tails', () => {
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(1 - 1e-10)).toBeCloseTo(6.361340889697422, 6); // 1 - 1e-10 is not exact in binary
    // Solving log Φ(x) = log(1e-300) with Φ(x) ≈ φ(x)/|x| · (1 - 1/x² + 3/x⁴ - 15/x⁶ + 105/x⁸), exact to ~1e-11
    // at |x| = 37, gives x = -37.04709629936119.
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.04709629936119, 10);
  });

  it('is 0 at the median and antisymmetric', () => {
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [0.001, 0.02425, 0.1, 0.25, 0.4]) {
      expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 14);
    }
  });

  it('is continuous where the approximation switches regions', () => {
    const low = 0.02425;
    expect(normalQuantile(low + 1e-12) - normalQuantile(low - 1e-12)).toBeGreaterThan(0);
    expect(normalQuantile(low + 1e-12) - normalQuantile(low - 1e-12)).toBeLessThan(1e-9);
  });

  it('maps 0 and 1 to infinities and rejects other inputs', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});
