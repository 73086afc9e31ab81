import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta } from './regularized-incomplete-beta.js';

const arcsineCdf = (x: number): number => (2 / Math.PI) * Math.asin(Math.sqrt(x));
const xs = [1e-6, 0.01, 0.2, 0.5, 0.7, 0.99, 1 - 1e-9];

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms', () => {
    for (const x of xs) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 14);
      expect(regularizedIncompleteBeta(x, 1, 2.5)).toBeCloseTo(1 - (1 - x) ** 2.5, 14);
      // (2/π) asin(√x), written from the nearer end because asin is ill-conditioned close to 1.
      const arcsine = x <= 0.5 ? arcsineCdf(x) : 1 - arcsineCdf(1 - x);
      expect(regularizedIncompleteBeta(x, 0.5, 0.5)).toBeCloseTo(arcsine, 14);
      // I_x(a, n - a + 1) = P(Binomial(n, x) >= a): here n = 4, a = 2.
      const y = 1 - x;
      expect(regularizedIncompleteBeta(x, 2, 3)).toBeCloseTo(6 * x * x * y * y + 4 * x ** 3 * y + x ** 4, 14);
    }
  });

  it('keeps relative precision in the lower tail', () => {
    // I_x(a, 1) = x^a
    expect(regularizedIncompleteBeta(1e-20, 2, 1) / 1e-40).toBeCloseTo(1, 12);
  });

  it('satisfies I_x(a, b) = 1 - I_{1-x}(b, a)', () => {
    for (const x of xs) {
      for (const [a, b] of [
        [0.3, 4],
        [50, 0.5],
        [200, 300],
      ] as const) {
        const complement = regularizedIncompleteBeta(1 - x, b, a, x);
        expect(regularizedIncompleteBeta(x, a, b) + complement).toBeCloseTo(1, 13);
      }
    }
  });

  it('is 0 at x = 0 and 1 at x = 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('rejects invalid arguments', () => {
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 1, -1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(RangeError);
  });
});
