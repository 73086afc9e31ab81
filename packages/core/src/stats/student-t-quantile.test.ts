import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile.js';
import { regularizedIncompleteBeta } from './regularized-incomplete-beta.js';
import { studentTQuantile } from './student-t-quantile.js';

/** P(T <= t) for Student's t with df degrees of freedom, as an independent check of the inverse. */
function cdf(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5, (t * t) / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

describe('studentTQuantile', () => {
  // Reference values: tables / scipy.stats.t.ppf.
  it.each([
    [0.975, 1, 12.706204736],
    [0.975, 2, 4.30265273],
    [0.975, 9, 2.262157163],
    [0.975, 30, 2.042272456],
    [0.95, 5, 2.015048373],
    [0.975, 7, 2.364624252],
    [0.995, 7, 3.499483297],
    [0.9, 1, 3.077683537],
    [0.025, 9, -2.262157163],
  ])('t(%d, %d) = %d', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 8);
  });

  it('approaches the normal quantile for many degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.9623390808, 9);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966357, 8);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(normalQuantile(0.975));
  });

  it('matches the closed forms for 1, 2 and 4 degrees of freedom', () => {
    for (const p of [1e-12, 1e-5, 0.01, 0.1, 0.3, 0.49]) {
      // Cauchy: F⁻¹(p) = tan(π(p - 1/2)) = -1/tan(πp), the latter exact for small p.
      const cauchy = -1 / Math.tan(Math.PI * p);
      expect(studentTQuantile(p, 1) / cauchy).toBeCloseTo(1, 13);
      const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(studentTQuantile(p, 2) / two).toBeCloseTo(1, 13);
      // df = 4: with a = 4p(1 - p), t = ±2 √(cos(acos(√a) / 3) / √a - 1).
      const a = 4 * p * (1 - p);
      const four = -2 * Math.sqrt(Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a) - 1);
      expect(studentTQuantile(p, 4) / four).toBeCloseTo(1, 10);
    }
  });

  it('handles fractional degrees of freedom', () => {
    for (const df of [0.3, 2.5, 7.25, 150.5]) {
      for (const p of [0.01, 0.2, 0.9, 0.975]) {
        expect(cdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 13);
      }
    }
    for (const [df, p] of [
      [0.05, 0.6],
      [1e-3, 0.5001],
    ] as const) {
      expect(cdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 13);
    }
    expect(studentTQuantile(0.975, 1e-100)).toBe(Number.POSITIVE_INFINITY);
    const between = studentTQuantile(0.975, 2.5);
    expect(between).toBeLessThan(studentTQuantile(0.975, 2));
    expect(between).toBeGreaterThan(studentTQuantile(0.975, 3));
  });

  it('is antisymmetric and 0 at the median', () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    for (const df of [1, 3.5, 40]) {
      // Dyadic p, so that 1 - p is exact.
      for (const p of [2 ** -10, 0.125, 0.25]) {
        expect(studentTQuantile(p, df)).toBe(-studentTQuantile(1 - p, df));
      }
    }
  });

  it('stays precise far in the tails', () => {
    expect(studentTQuantile(1e-300, 1) / (-1 / (Math.PI * 1e-300))).toBeCloseTo(1, 11);
    expect(studentTQuantile(1e-300, 2) / (-1 / Math.sqrt(2e-300))).toBeCloseTo(1, 12);
    // Past Number.MAX_VALUE the quantile is infinite.
    expect(studentTQuantile(1e-300, 0.3)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('inverts the CDF on both sides of the switch to the Cornish–Fisher expansion', () => {
    // The expansion takes over once its last term is below 1e-15 relative, e.g. from df ≈ 5340 at p = 0.975.
    for (const df of [1000, 2000, 5000, 6000, 1e4, 1e5]) {
      for (const p of [0.6, 0.975, 0.9999]) expect(cdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });

  it('maps 0 and 1 to infinities and rejects invalid input', () => {
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(() => studentTQuantile(1.2, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(Number.NaN, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, -2)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, Number.NaN)).toThrow(RangeError);
  });
});
