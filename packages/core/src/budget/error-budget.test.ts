import { describe, expect, it } from 'vitest';
import { errorBudget } from './error-budget.js';

describe('errorBudget', () => {
  it('allows (1 - target) x total bad events for a gte ratio of good events', () => {
    // 99.5 % of 10,000 -> 50 bad events allowed; 20 bad -> 60 % left.
    expect(errorBudget('gte', 0.995, 9_980, 10_000)).toEqual({ allowed: 50, consumed: 20, remaining: 0.6 });
  });

  it('goes negative when overspent', () => {
    expect(errorBudget('gte', 0.99, 970, 1_000)).toEqual({ allowed: 10, consumed: 30, remaining: -2 });
  });

  it('is exactly spent at the target', () => {
    expect(errorBudget('gt', 0.9, 900, 1_000)).toEqual({ allowed: 100, consumed: 100, remaining: 0 });
  });

  it('allows target x total for an lte ratio of bad events', () => {
    // error rate <= 1 % over 2,000 -> 20 allowed; 5 errors -> 75 % left.
    expect(errorBudget('lte', 0.01, 5, 2_000)).toEqual({ allowed: 20, consumed: 5, remaining: 0.75 });
    expect(errorBudget('lt', 0.05, 150, 1_000)).toEqual({ allowed: 50, consumed: 150, remaining: -2 });
  });

  it('has no fraction left to report when a 100 % target allows nothing and something failed', () => {
    expect(errorBudget('gte', 1, 99, 100)).toEqual({ allowed: 0, consumed: 1, remaining: null });
    expect(errorBudget('gte', 1, 100, 100)).toEqual({ allowed: 0, consumed: 0, remaining: 1 });
  });
});
