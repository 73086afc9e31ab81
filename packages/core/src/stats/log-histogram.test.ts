import { DDSketch } from '@datadog/sketches-js';
import { describe, expect, it } from 'vitest';
import { LogHistogram } from './log-histogram.js';

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('LogHistogram', () => {
  it('answers like a DDSketch with the same accuracy, within 1 % of the lower order statistic', () => {
    const random = seeded(7);
    const values = Array.from({ length: 50_000 }, () =>
      Math.exp(6 + 1.2 * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())),
    );
    const histogram = new LogHistogram();
    const sketch = new DDSketch({ relativeAccuracy: 0.01 });
    for (const value of values) {
      histogram.add(value);
      sketch.accept(value);
    }
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      const lower = sorted[Math.floor(q * (sorted.length - 1))]!;
      const estimate = histogram.quantile(q)!;
      expect(Math.abs(estimate - lower)).toBeLessThanOrEqual(0.01 * lower + 1e-9);
      expect(estimate).toBeCloseTo(sketch.getValueAtQuantile(q), 9);
    }
  });

  it('merges exactly and survives serialization', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    const all = new LogHistogram();
    for (let value = 0; value < 1000; value++) {
      const target = value % 2 === 0 ? a : b;
      target.add(value - 100);
      all.add(value - 100);
    }
    a.merge(LogHistogram.parse(b.serialize()));
    expect(a.count).toBe(1000);
    expect(a.serialize()).toBe(all.serialize());
    for (const q of [0, 0.05, 0.1, 0.5, 0.95, 1]) expect(a.quantile(q)).toBe(all.quantile(q));
    expect(a.quantile(0)).toBeCloseTo(-100, 0);
    expect(a.quantile(0.1)).toBeCloseTo(-1, 1);
    expect(a.quantile(100 / 999)).toBe(0);
  });

  it('is empty until something is added, and rejects bad input', () => {
    expect(new LogHistogram().quantile(0.5)).toBeUndefined();
    expect(() => new LogHistogram().add(Number.NaN)).toThrow(RangeError);
    expect(() => LogHistogram.parse('nonsense')).toThrow(RangeError);
    expect(() => new LogHistogram(0.01).merge(new LogHistogram(0.02))).toThrow(RangeError);
  });
});
