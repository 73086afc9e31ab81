import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  // With z = 1.959963985, z² = 3.841458821:
  //   81/263: p = 0.307985; center = (p + z²/526) / (1 + z²/263) = 0.315289 / 1.014606 = 0.310750,
  //     half = (z / 1.014606) · √(p(1 - p)/263 + z²/(4 · 263²)) = 1.931748 · 0.028706 = 0.055454
  //     → [0.2553, 0.3662].
  //   0/10: upper = z² / (10 + z²) = 0.277533; 10/10: lower = 10 / (10 + z²) = 0.722467.
  //   5/10: center 0.5, half = (z / 1.384146) · √(0.025 + z²/400) = 1.416011 · 0.186021 = 0.263407
  //     → [0.236593, 0.763407].
  //   1/2: center 0.5, half = (z / 2.920729) · √(0.125 + z²/16) = 0.671057 · 0.604228 = 0.405471
  //     → [0.094531, 0.905469].
  it.each([
    [81, 263, 0.2553, 0.3662],
    [5, 10, 0.236593, 0.763407],
    [1, 2, 0.094531, 0.905469],
  ])('%d of %d at 95%% is [%d, %d]', (successes, total, lower, upper) => {
    const interval = wilsonInterval(successes, total);
    const digits = String(lower).length - 2;
    expect(interval?.lower).toBeCloseTo(lower, digits);
    expect(interval?.upper).toBeCloseTo(upper, digits);
    expect(interval?.confidence).toBe(0.95);
  });

  it('pins the bound at 0 or 1 for zero or all successes', () => {
    const none = wilsonInterval(0, 10);
    expect(none?.lower).toBe(0);
    expect(none?.upper).toBeCloseTo(0.277533, 6);
    const all = wilsonInterval(10, 10);
    expect(all?.lower).toBeCloseTo(0.722467, 6);
    expect(all?.upper).toBe(1);
  });

  it('uses the requested confidence', () => {
    // z(0.995) = 2.575829304, z² = 6.634897; 50/100: half = (z / 1.066349) · √(0.0025 + z²/40000)
    //   = 2.415558 · 0.051632 = 0.124720 → [0.375280, 0.624720].
    const interval = wilsonInterval(50, 100, 0.99);
    expect(interval?.lower).toBeCloseTo(0.37528, 5);
    expect(interval?.upper).toBeCloseTo(0.62472, 5);
    expect(interval?.confidence).toBe(0.99);
    const narrower = wilsonInterval(50, 100, 0.8);
    expect(narrower?.lower).toBeGreaterThan(0.37528);
  });

  it('contains the observed proportion and stays within [0, 1]', () => {
    for (const [successes, total] of [
      [1, 1],
      [0, 1],
      [3, 1000],
      [999_999, 1_000_000],
      [2.5, 7.5],
    ] as const) {
      const interval = wilsonInterval(successes, total);
      expect(interval).toBeDefined();
      if (!interval) continue;
      expect(interval.lower).toBeGreaterThanOrEqual(0);
      expect(interval.upper).toBeLessThanOrEqual(1);
      expect(interval.lower).toBeLessThanOrEqual(successes / total);
      expect(interval.upper).toBeGreaterThanOrEqual(successes / total);
    }
  });

  it('is undefined without trials and rejects invalid counts', () => {
    expect(wilsonInterval(0, 0)).toBeUndefined();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(RangeError);
  });
});
