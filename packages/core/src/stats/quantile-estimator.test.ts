import { describe, expect, it } from 'vitest';
import { exactQuantile } from './quantile.js';
import { createQuantileEstimator, type QuantileEstimator } from './quantile-estimator.js';

/** Deterministic uniform [0, 1) generator (mulberry32), so the sketch-error tests are reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** exp(N(mu, sigma)) by Box–Muller: a latency-like, right-skewed distribution. */
function lognormal(random: () => number, mu: number, sigma: number): () => number {
  return () => {
    const u = 1 - random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.exp(mu + sigma * z);
  };
}

function sample(size: number, next: () => number): Float64Array {
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = next();
  return values;
}

function estimatorOf(values: ArrayLike<number>, options?: Parameters<typeof createQuantileEstimator>[0]) {
  const estimator = createQuantileEstimator(options);
  for (let i = 0; i < values.length; i++) estimator.add(values[i] as number);
  return estimator;
}

const QUANTILES = [0.5, 0.9, 0.95, 0.99, 0.999];

/**
 * DDSketch answers the order statistic at rank q·(n - 1), rounded down, within its relative accuracy:
 * |approx - x_lower| <= α·|x_lower|. The 1e-9 slack covers rounding at bucket boundaries.
 */
function expectWithinSketchError(
  estimator: QuantileEstimator,
  sorted: Float64Array,
  accuracy = 0.01,
  quantiles = QUANTILES,
): void {
  for (const q of quantiles) {
    const lower = sorted[Math.floor(q * (sorted.length - 1))] as number;
    const approx = estimator.quantile(q) as number;
    expect(Math.abs(approx - lower)).toBeLessThanOrEqual(accuracy * Math.abs(lower) * (1 + 1e-9));
  }
}

describe('createQuantileEstimator', () => {
  it('answers exactly with exactQuantile while within the limit', () => {
    const values = sample(5000, lognormal(mulberry32(1), 3, 1));
    const estimator = estimatorOf(values);
    const sorted = values.slice().sort();
    expect(estimator.exact).toBe(true);
    expect(estimator.count).toBe(5000);
    for (const q of [0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
      expect(estimator.quantile(q)).toBe(exactQuantile(sorted, q));
    }
  });

  it('re-sorts after values are added between queries', () => {
    const estimator = estimatorOf([5, 1, 3]);
    expect(estimator.quantile(0.5)).toBe(3);
    estimator.add(-10);
    estimator.add(0);
    expect(estimator.quantile(0)).toBe(-10);
    expect(estimator.quantile(0.5)).toBe(1);
    expect(estimator.quantile(1)).toBe(5);
  });

  it('handles zero and negative values exactly', () => {
    const estimator = estimatorOf([0, 0, -2, 4, 0]);
    expect(estimator.quantile(0)).toBe(-2);
    expect(estimator.quantile(0.5)).toBe(0);
    expect(estimator.quantile(0.9)).toBeCloseTo(2.4, 12); // h = 3.6: 0 + 0.6 · (4 - 0)
  });

  it('is undefined while empty', () => {
    const estimator = createQuantileEstimator();
    expect(estimator.count).toBe(0);
    expect(estimator.exact).toBe(true);
    expect(estimator.quantile(0.5)).toBeUndefined();
  });

  it('switches to a sketch on the value after exactLimit', () => {
    const estimator = estimatorOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { exactLimit: 10 });
    expect(estimator.exact).toBe(true);
    expect(estimator.count).toBe(10);
    estimator.add(11);
    expect(estimator.exact).toBe(false);
    expect(estimator.count).toBe(11);
    // Sketch mode keeps the exact extremes and stays within 1% elsewhere (rank 5 of 0..10 is 6).
    expect(estimator.quantile(0)).toBe(1);
    expect(estimator.quantile(1)).toBe(11);
    expect(Math.abs((estimator.quantile(0.5) as number) - 6)).toBeLessThanOrEqual(0.06);
  });

  it('uses a sketch from the first value when exactLimit is 0', () => {
    const estimator = estimatorOf([3], { exactLimit: 0 });
    expect(estimator.exact).toBe(false);
    expect(estimator.quantile(0.5)).toBe(3);
  });

  it('stays within the relative accuracy on a million lognormal values', () => {
    const values = sample(1_000_000, lognormal(mulberry32(42), 5, 1.5));
    const estimator = estimatorOf(values);
    expect(estimator.exact).toBe(false);
    expect(estimator.count).toBe(1_000_000);
    const sorted = values.slice().sort();
    expectWithinSketchError(estimator, sorted);
    expect(estimator.quantile(0)).toBe(sorted[0]);
    expect(estimator.quantile(1)).toBe(sorted[sorted.length - 1]);
  });

  it('stays within the relative accuracy on a million uniform values', () => {
    const random = mulberry32(7);
    const values = sample(1_000_000, () => 1000 * random());
    const sorted = values.slice().sort();
    expectWithinSketchError(estimatorOf(values), sorted);
    expectWithinSketchError(estimatorOf(values, { relativeAccuracy: 0.001 }), sorted, 0.001);
  });

  it('reports zeros exactly and handles negative values in sketch mode', () => {
    const random = mulberry32(3);
    // 30% zeros (latency 0 ms), the rest spread over [-50, 150).
    const values = sample(200_000, () => (random() < 0.3 ? 0 : 200 * random() - 50));
    const estimator = estimatorOf(values, { exactLimit: 1000 });
    const sorted = values.slice().sort();
    expectWithinSketchError(estimator, sorted, 0.01, [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, ...QUANTILES]);
    expect(estimator.quantile(0.05)).toBeLessThan(0);
    const zeroRank = sorted.indexOf(0) + 1;
    expect(estimator.quantile(zeroRank / (sorted.length - 1))).toBe(0);
    expect(estimator.quantile(0)).toBe(sorted[0]);
  });

  describe('merge', () => {
    it('stays exact when both sides fit within exactLimit', () => {
      const left = estimatorOf([5, 3, 9]);
      const right = estimatorOf([1, 7]);
      left.merge(right);
      expect(left.exact).toBe(true);
      expect(left.count).toBe(5);
      expect(left.quantile(0.5)).toBe(5);
      expect(left.quantile(0.25)).toBe(3);
      expect(right.count).toBe(2); // the argument is not modified
      expect(right.quantile(1)).toBe(7);
    });

    it('becomes a sketch when the total exceeds exactLimit', () => {
      const random = mulberry32(11);
      const values = sample(3000, () => 1 + 99 * random());
      const left = estimatorOf(values.subarray(0, 1500), { exactLimit: 2000 });
      left.merge(estimatorOf(values.subarray(1500), { exactLimit: 2000 }));
      expect(left.exact).toBe(false);
      expect(left.count).toBe(3000);
      expectWithinSketchError(left, values.slice().sort());
    });

    it('gives the same sketch as adding every value to one estimator', () => {
      const random = mulberry32(5);
      // Negative values, zeros and values just below 1 cover DDSketch.merge's known defects (see addSketch).
      const a = sample(5000, () => -100 * random());
      const b = sample(5000, () => (random() < 0.1 ? 0 : 0.3 + 0.7 * random()));
      const c = sample(5000, () => 0.5 + 0.4 * random());
      const options = { exactLimit: 1000 };
      const union = estimatorOf([...a, ...b, ...c], options);
      const sorted = Float64Array.from([...a, ...b, ...c]).sort();
      for (const [first, second, third] of [
        [a, b, c],
        [c, b, a],
        [b, c, a],
      ] as const) {
        const merged = estimatorOf(first, options);
        merged.merge(estimatorOf(second, options));
        merged.merge(estimatorOf(third, options));
        expect(merged.count).toBe(15_000);
        for (const q of [0, 0.01, 0.2, 0.33, 0.4, 0.5, 0.75, 0.9, 0.99, 1]) {
          expect(merged.quantile(q)).toBe(union.quantile(q));
        }
        expectWithinSketchError(merged, sorted);
      }
    });

    it('keeps values near 1 when merged into a sketch whose buckets end just below', () => {
      // 0.0765 falls in bucket -128 and 0.98 in bucket -1 (α = 0.01): DDSketch.merge would size the store for
      // keys -128..-1 exactly and add the count of bucket 0 (values up to 1) past its end, as NaN.
      const options = { exactLimit: 0 };
      const merged = estimatorOf([0.0765], options);
      merged.merge(estimatorOf([0.98, 1, 1, 1], options));
      const union = estimatorOf([0.0765, 0.98, 1, 1, 1], options);
      for (const q of [0, 0.25, 0.5, 0.75, 0.9, 1]) expect(merged.quantile(q)).toBe(union.quantile(q));
      expect(Math.abs((merged.quantile(0.75) as number) - 1)).toBeLessThanOrEqual(0.01);
    });

    it('combines exact and sketch estimators in either order', () => {
      const random = mulberry32(9);
      const small = sample(50, () => 10 * random());
      const large = sample(3000, () => 10 + 10 * random());
      const options = { exactLimit: 100 };
      const union = estimatorOf([...small, ...large], options);
      const exactFirst = estimatorOf(small, options);
      exactFirst.merge(estimatorOf(large, options));
      const sketchFirst = estimatorOf(large, options);
      sketchFirst.merge(estimatorOf(small, options));
      for (const q of [0, 0.01, 0.5, 0.99, 1]) {
        expect(exactFirst.quantile(q)).toBe(union.quantile(q));
        expect(sketchFirst.quantile(q)).toBe(union.quantile(q));
      }
      expect(exactFirst.count).toBe(3050);
      expect(sketchFirst.count).toBe(3050);
    });

    it('merges an estimator with itself', () => {
      const exact = estimatorOf([1, 2, 3]);
      exact.merge(exact);
      expect(exact.count).toBe(6);
      expect(exact.quantile(0.5)).toBe(2);
      const sketch = estimatorOf([1, 2, 3], { exactLimit: 0 });
      sketch.merge(sketch);
      expect(sketch.count).toBe(6);
      expect(sketch.quantile(1)).toBe(3);
    });

    it('ignores an empty estimator and fills an empty one', () => {
      const filled = estimatorOf([4, 8]);
      filled.merge(createQuantileEstimator());
      expect(filled.count).toBe(2);
      const empty = createQuantileEstimator();
      empty.merge(filled);
      expect(empty.quantile(0.5)).toBe(6);
    });

    it('rejects sketches of different accuracy and foreign implementations', () => {
      const coarse = estimatorOf([1, 2], { exactLimit: 0, relativeAccuracy: 0.05 });
      const fine = estimatorOf([1, 2], { exactLimit: 0, relativeAccuracy: 0.01 });
      expect(() => fine.merge(coarse)).toThrow(RangeError);
      const foreign: QuantileEstimator = {
        add() {},
        count: 1,
        exact: true,
        quantile: () => 1,
        merge() {},
      };
      expect(() => fine.merge(foreign)).toThrow(TypeError);
    });
  });

  it('rejects invalid options, values and quantiles', () => {
    expect(() => createQuantileEstimator({ exactLimit: -1 })).toThrow(RangeError);
    expect(() => createQuantileEstimator({ exactLimit: 1.5 })).toThrow(RangeError);
    expect(() => createQuantileEstimator({ relativeAccuracy: 0 })).toThrow(RangeError);
    expect(() => createQuantileEstimator({ relativeAccuracy: 1 })).toThrow(RangeError);
    const estimator = createQuantileEstimator();
    expect(() => estimator.add(Number.NaN)).toThrow(RangeError);
    expect(() => estimator.add(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
    estimator.add(1);
    expect(() => estimator.quantile(1.01)).toThrow(RangeError);
    expect(() => estimator.quantile(-0.01)).toThrow(RangeError);
  });
});
