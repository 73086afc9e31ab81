import type { TokenUsage } from '@slokit/core';
import { costOfTokens, findModelPrice, type PriceTable } from './model-prices.js';
import { parseJsonObject } from './parse-token-usage.js';

/**
 * A trace's cost in USD: `total_cost` (else input + output) of its `mlflow.trace.cost` metadata when MLflow recorded
 * it; otherwise its prompt and completion tokens at the model's price in `prices`. Undefined when neither works
 * (no cost metadata and no known model or token split).
 */
export function traceCost(
  costMetadata: unknown,
  tokens: TokenUsage | undefined,
  model: string | undefined,
  prices: PriceTable,
): number | undefined {
  const recorded = parseJsonObject(costMetadata);
  if (recorded) {
    const total = finite(recorded.total_cost);
    if (total !== undefined) return total;
    const input = finite(recorded.input_cost);
    const output = finite(recorded.output_cost);
    if (input !== undefined || output !== undefined) return (input ?? 0) + (output ?? 0);
  }
  if (model === undefined || tokens?.prompt === undefined || tokens.completion === undefined)
    return undefined;
  const price = findModelPrice(model, prices);
  return price === undefined ? undefined : costOfTokens(price, tokens.prompt, tokens.completion);
}

function finite(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}
