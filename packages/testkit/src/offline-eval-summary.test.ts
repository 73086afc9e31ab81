import { describe, expect, it } from 'vitest';
import { generateOfflineEvalSummary } from './offline-eval-summary.js';

const options = { seed: 'eval', samples: 200, name: 'nightly', timestamp: '2026-11-26T13:30:00.000Z' };

describe('generateOfflineEvalSummary', () => {
  it('summarizes the judged examples into metrics in [0, 1] with 3 decimals', () => {
    const summary = generateOfflineEvalSummary(options);
    expect(summary).toMatchObject({ samples: 200, name: 'nightly', timestamp: '2026-11-26T13:30:00.000Z' });
    for (const value of Object.values(summary.metrics)) {
      expect(value >= 0 && value <= 1).toBe(true);
      expect(Math.round(value * 1000) / 1000).toBe(value);
    }
    // Accuracy is a share of 200 examples, so a multiple of 0.005.
    expect(Math.round(summary.metrics.accuracy * 200)).toBeCloseTo(summary.metrics.accuracy * 200, 9);
    expect(summary.metrics.accuracy).toBeGreaterThan(0.8);
  });

  it('depends on the seed alone', () => {
    expect(generateOfflineEvalSummary(options)).toEqual(generateOfflineEvalSummary(options));
    expect(generateOfflineEvalSummary({ ...options, seed: 'other' }).metrics).not.toEqual(
      generateOfflineEvalSummary(options).metrics,
    );
  });

  it('needs a positive whole number of samples', () => {
    expect(() => generateOfflineEvalSummary({ ...options, samples: 0 })).toThrow(RangeError);
  });
});
