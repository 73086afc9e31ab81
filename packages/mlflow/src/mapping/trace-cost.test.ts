import { describe, expect, it } from 'vitest';
import { defaultModelPrices } from './model-prices.js';
import { traceCost } from './trace-cost.js';

describe('traceCost', () => {
  it('takes total_cost from mlflow.trace.cost when MLflow recorded it', () => {
    expect(
      traceCost('{"input_cost": 0.01, "output_cost": 0.02, "total_cost": 0.03}', undefined, undefined, {}),
    ).toBe(0.03);
    expect(traceCost('{"input_cost": 0.01, "output_cost": 0.02}', undefined, undefined, {})).toBeCloseTo(
      0.03,
      12,
    );
  });

  it('falls back to tokens at the model price', () => {
    expect(traceCost(undefined, { prompt: 1000, completion: 100 }, 'gpt-4o', defaultModelPrices)).toBeCloseTo(
      0.0035,
      12,
    );
  });

  it('is undefined without cost metadata and without a known model or token split', () => {
    expect(
      traceCost(undefined, { prompt: 1000, completion: 100 }, 'my-model', defaultModelPrices),
    ).toBeUndefined();
    expect(traceCost(undefined, { total: 1100 }, 'gpt-4o', defaultModelPrices)).toBeUndefined();
    expect(traceCost(undefined, { prompt: 1, completion: 1 }, undefined, defaultModelPrices)).toBeUndefined();
    expect(traceCost('garbage', undefined, undefined, defaultModelPrices)).toBeUndefined();
  });
});
