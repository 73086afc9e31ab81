import { describe, expect, it } from 'vitest';
import { exactQuantile, parsePercentileAggregate } from './quantile.js';

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('exactQuantile', () => {
  it('matches numpy linear interpolation (type 7)', () => {
    // numpy.percentile(range(1, 21), 95) == 19.05: h = 19 * 0.95 = 18.05, x[18] + 0.05 * (x[19] - x[18]).
    expect(Math.abs(exactQuantile(oneTo(20), 0.95) - 19.05)).toBeLessThan(1e-12);
    expect(exactQuantile(oneTo(4), 0.5)).toBe(2.5);
    expect(exactQuantile(oneTo(5), 0.5)).toBe(3);
    // numpy.quantile([1, 2, 3, 4], 0.9) == 3.7: h = 2.7.
    expect(exactQuantile(oneTo(4), 0.9)).toBeCloseTo(3.7, 12);
    // numpy.quantile([10, 20, 40], 0.25) == 15: h = 0.5.
    expect(exactQuantile([10, 20, 40], 0.25)).toBe(15);
  });

  it('returns the extremes at q = 0 and q = 1', () => {
    const sample = [-3, 0, 0, 7.5, 12];
    expect(exactQuantile(sample, 0)).toBe(-3);
    expect(exactQuantile(sample, 1)).toBe(12);
  });

  it('returns the only value of a single-element sample', () => {
    for (const q of [0, 0.3, 0.99, 1]) expect(exactQuantile([42], q)).toBe(42);
  });

  it('accepts typed arrays', () => {
    expect(exactQuantile(Float64Array.of(0, 10), 0.25)).toBe(2.5);
  });

  it('rejects an empty sample and quantiles outside [0, 1]', () => {
    expect(() => exactQuantile([], 0.5)).toThrow(RangeError);
    expect(() => exactQuantile([1], -0.1)).toThrow(RangeError);
    expect(() => exactQuantile([1], 1.1)).toThrow(RangeError);
    expect(() => exactQuantile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('parsePercentileAggregate', () => {
  it.each([
    ['p50', 0.5],
    ['p90', 0.9],
    ['p95', 0.95],
    ['p99', 0.99],
    ['p99.9', 0.999],
    ['p99.99', 0.9999],
    ['p0.5', 0.005],
    ['p1', 0.01],
    ['p5', 0.05],
    ['p12.5', 0.125],
    ['p99.999', 0.99999],
    ['median', 0.5],
  ])('%s is %d', (name, expected) => {
    expect(parsePercentileAggregate(name)).toBe(expected);
  });

  it.each([
    'p0',
    'p0.0',
    'p100',
    'p100.5',
    'p150',
    'p-1',
    'pabc',
    'p',
    'mean',
    'P95',
    'p95.',
    'p.5',
    ' p95',
    'p1e1',
  ])('rejects %j', (name) => {
    expect(parsePercentileAggregate(name)).toBeUndefined();
  });
});
