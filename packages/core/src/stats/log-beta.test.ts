import { describe, expect, it } from 'vitest';
import { logBeta } from './log-beta.js';
import { logGamma } from './log-gamma.js';

describe('logBeta', () => {
  it('matches closed forms', () => {
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(logBeta(1e6, 1)).toBeCloseTo(-Math.log(1e6), 12); // B(a, 1) = 1/a
    expect(logBeta(30, 40)).toBeCloseTo(logBeta(40, 30), 14);
    // B(n, 1/2) = 4^n / (n C(2n, n)); C(40, 20) = 137846528820.
    expect(logBeta(20, 0.5)).toBeCloseTo(40 * Math.log(2) - Math.log(20) - Math.log(137846528820), 13);
  });

  it('agrees with log-gammas where those are still precise', () => {
    for (const [a, b] of [
      [16, 0.5],
      [14.9, 15.1],
      [20, 30],
      [3.5, 100],
    ] as const) {
      expect(logBeta(a, b)).toBeCloseTo(logGamma(a) + logGamma(b) - logGamma(a + b), 12);
    }
  });

  it('satisfies B(a, b) = B(a, b + 1) (a + b) / b across all branches', () => {
    for (const a of [0.5, 7, 20, 1e4, 3e6]) {
      for (const b of [0.5, 14.5, 17.5, 40]) {
        expect(logBeta(a, b) - logBeta(a, b + 1)).toBeCloseTo(Math.log((a + b) / b), 12);
      }
    }
  });

  it('is precise for large a and b = 1/2', () => {
    // B(a, 1/2) = √π Γ(a) / Γ(a + 1/2), and Γ(a + 1/2) / Γ(a) = √a (1 - 1/(8a) + 1/(128a²) + 5/(1024a³) - …).
    for (const a of [1e3, 1e5, 1e8]) {
      const ratio = Math.sqrt(a) * (1 - 1 / (8 * a) + 1 / (128 * a * a) + 5 / (1024 * a * a * a));
      expect(logBeta(a, 0.5)).toBeCloseTo(0.5 * Math.log(Math.PI) - Math.log(ratio), 14);
    }
  });
});
