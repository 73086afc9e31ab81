import { describe, expect, it } from 'vitest';
import { meanInterval, RunningMoments } from './running-moments.js';

function momentsOf(values: readonly number[]): RunningMoments {
  const moments = new RunningMoments();
  for (const value of values) moments.add(value);
  return moments;
}

const SAMPLE = [2, 4, 4, 4, 5, 5, 7, 9];

describe('RunningMoments', () => {
  it('tracks count, sum, extremes, mean and sample variance', () => {
    const moments = momentsOf(SAMPLE);
    expect(moments.count).toBe(8);
    expect(moments.sum).toBe(40);
    expect(moments.min).toBe(2);
    expect(moments.max).toBe(9);
    expect(moments.mean).toBe(5);
    // Squared deviations sum to 32, so s² = 32 / 7.
    expect(moments.sampleVariance()).toBeCloseTo(32 / 7, 14);
    expect(Math.sqrt(moments.sampleVariance() ?? 0)).toBeCloseTo(2.138089935, 9);
  });

  it('stays accurate on a large offset', () => {
    // Deviations from the mean 1e9 + 10 are -6, -3, 3, 6: s² = 90 / 3 = 30. The textbook
    // (Σx² - (Σx)²/n) / (n - 1) loses everything here to cancellation at 1e18.
    const moments = momentsOf([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(moments.mean).toBe(1e9 + 10);
    expect(moments.sampleVariance()).toBeCloseTo(30, 9);
  });

  it('starts empty', () => {
    const moments = new RunningMoments();
    expect(moments.count).toBe(0);
    expect(moments.sum).toBe(0);
    expect(moments.min).toBe(Number.POSITIVE_INFINITY);
    expect(moments.max).toBe(Number.NEGATIVE_INFINITY);
    expect(moments.mean).toBeNaN();
    expect(moments.sampleVariance()).toBeUndefined();
    moments.add(-3);
    expect(moments.mean).toBe(-3);
    expect(moments.min).toBe(-3);
    expect(moments.max).toBe(-3);
    expect(moments.sampleVariance()).toBeUndefined();
  });

  it('merges into the same moments as one pass over all values', () => {
    const whole = momentsOf(SAMPLE);
    for (let split = 0; split <= SAMPLE.length; split++) {
      const left = momentsOf(SAMPLE.slice(0, split));
      left.merge(momentsOf(SAMPLE.slice(split)));
      expect(left.count).toBe(whole.count);
      expect(left.sum).toBe(whole.sum);
      expect(left.min).toBe(whole.min);
      expect(left.max).toBe(whole.max);
      expect(left.mean).toBeCloseTo(whole.mean, 14);
      expect(left.sampleVariance()).toBeCloseTo(whole.sampleVariance() ?? Number.NaN, 13);
    }
  });

  it('merges with itself as if every value were added twice', () => {
    const moments = momentsOf([1, 2, 3]);
    moments.merge(moments);
    const doubled = momentsOf([1, 2, 3, 1, 2, 3]);
    expect(moments.count).toBe(6);
    expect(moments.sum).toBe(12);
    expect(moments.mean).toBeCloseTo(2, 15);
    expect(moments.sampleVariance()).toBeCloseTo(doubled.sampleVariance() ?? Number.NaN, 14);
  });

  it('rejects non-finite values', () => {
    const moments = new RunningMoments();
    expect(() => moments.add(Number.NaN)).toThrow(RangeError);
    expect(() => moments.add(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(moments.count).toBe(0);
  });
});

describe('meanInterval', () => {
  it('is mean ± t(1 - α/2, n - 1) · s / √n', () => {
    // s / √8 = 2.138089935 / 2.828427125 = 0.755928946; t(0.975, 7) = 2.364624252
    // → 5 ± 1.787491 = [3.2125, 6.7875].
    const interval = meanInterval(momentsOf(SAMPLE));
    expect(interval?.lower).toBeCloseTo(3.2125, 4);
    expect(interval?.upper).toBeCloseTo(6.7875, 4);
    expect(interval?.confidence).toBe(0.95);
    // t(0.995, 7) = 3.499483297 → 5 ± 2.645361 = [2.3546, 7.6454].
    const wide = meanInterval(momentsOf(SAMPLE), 0.99);
    expect(wide?.lower).toBeCloseTo(2.3546, 4);
    expect(wide?.upper).toBeCloseTo(7.6454, 4);
  });

  it('uses the exact t quantile for two values', () => {
    // n = 2: s = |a - b| / √2, s / √2 = 1 for [0, 2]; t(0.975, 1) = 12.706204736.
    const interval = meanInterval(momentsOf([0, 2]));
    expect(interval?.lower).toBeCloseTo(1 - 12.706204736, 8);
    expect(interval?.upper).toBeCloseTo(1 + 12.706204736, 8);
  });

  it('collapses to the mean for constant values', () => {
    expect(meanInterval(momentsOf([7, 7, 7]))).toEqual({ lower: 7, upper: 7, confidence: 0.95 });
  });

  it('is undefined with fewer than two values and rejects invalid confidence', () => {
    expect(meanInterval(new RunningMoments())).toBeUndefined();
    expect(meanInterval(momentsOf([1]))).toBeUndefined();
    expect(() => meanInterval(momentsOf([1, 2]), 1)).toThrow(RangeError);
  });
});

describe('RunningMoments sum', () => {
  it('is compensated, so a mean of repeated decimals is exact', () => {
    const moments = new RunningMoments();
    for (let index = 0; index < 602; index++) moments.add(0.05);
    expect(moments.sum / moments.count).toBe(0.05);
    const tenths = new RunningMoments();
    for (let index = 0; index < 10; index++) tenths.add(0.1);
    expect(tenths.sum).toBe(1);
  });
});
