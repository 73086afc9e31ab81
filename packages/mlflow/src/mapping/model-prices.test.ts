import { describe, expect, it } from 'vitest';
import { costOfTokens, defaultModelPrices, findModelPrice } from './model-prices.js';

describe('findModelPrice', () => {
  it('matches exact names, case and provider prefixes aside', () => {
    expect(findModelPrice('gpt-4o', defaultModelPrices)).toEqual({ input: 2.5, output: 10 });
    expect(findModelPrice('GPT-4o-Mini', defaultModelPrices)).toEqual({ input: 0.15, output: 0.6 });
    expect(findModelPrice('openai:/gpt-4o-mini', defaultModelPrices)).toEqual({ input: 0.15, output: 0.6 });
    expect(findModelPrice('anthropic/claude-sonnet-4', defaultModelPrices)).toEqual({ input: 3, output: 15 });
  });

  it('matches dated versions by their longest known prefix', () => {
    expect(findModelPrice('gpt-4o-2024-08-06', defaultModelPrices)).toEqual({ input: 2.5, output: 10 });
    expect(findModelPrice('gpt-4o-mini-2024-07-18', defaultModelPrices)).toEqual({
      input: 0.15,
      output: 0.6,
    });
    expect(findModelPrice('claude-3-5-haiku-20241022', defaultModelPrices)).toEqual({
      input: 0.8,
      output: 4,
    });
  });

  it('is undefined for unknown models, and a custom table wins', () => {
    expect(findModelPrice('llama-3-70b', defaultModelPrices)).toBeUndefined();
    expect(findModelPrice('gpt-4oops', defaultModelPrices)).toBeUndefined();
    expect(findModelPrice('llama-3-70b', { 'llama-3-70b': { input: 0.5, output: 0.7 } })).toEqual({
      input: 0.5,
      output: 0.7,
    });
  });
});

describe('costOfTokens', () => {
  it('prices tokens per million', () => {
    expect(costOfTokens({ input: 2.5, output: 10 }, 12_000, 180)).toBeCloseTo(0.0318, 10);
    expect(costOfTokens({ input: 0.15, output: 0.6 }, 1_000_000, 0)).toBe(0.15);
  });
});
