/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices in USD per million input/output tokens (standard tier, as published in 2025), used to estimate a
 * trace's cost when MLflow recorded none (`mlflow.trace.cost` exists only after MLflow 3.6). Prices change: override
 * or extend them with `cost.prices` in the source config.
 */
export const defaultModelPrices: PriceTable = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-haiku': { input: 0.25, output: 1.25 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-1.5-pro': { input: 1.25, output: 5 },
  'gemini-1.5-flash': { input: 0.075, output: 0.3 },
};

/**
 * The price of a model name as traces carry it: case-insensitive, provider prefixes dropped (`openai:/gpt-4o`,
 * `anthropic/claude-sonnet-4`), and dated or suffixed versions matched by their longest known prefix
 * (`gpt-4o-2024-08-06` is gpt-4o, `gpt-4o-mini-2024-07-18` is gpt-4o-mini).
 */
export function findModelPrice(model: string, table: PriceTable): ModelPrice | undefined {
  const name = model
    .trim()
    .toLowerCase()
    .replace(/^[\w.-]+:\/+/, '')
    .replace(/^(openai|anthropic|google|models|azure|bedrock|vertex_ai|gemini)\//, '');
  const lowered = loweredTable(table);
  const exact = lowered.get(name);
  if (exact) return exact;
  let best: { length: number; price: ModelPrice } | undefined;
  for (const [key, price] of lowered) {
    if ((name.startsWith(`${key}-`) || name.startsWith(`${key}@`)) && key.length > (best?.length ?? 0)) {
      best = { length: key.length, price };
    }
  }
  return best?.price;
}

const loweredTables = new WeakMap<PriceTable, Map<string, ModelPrice>>();

function loweredTable(table: PriceTable): Map<string, ModelPrice> {
  let lowered = loweredTables.get(table);
  if (!lowered) {
    lowered = new Map(Object.entries(table).map(([key, price]) => [key.toLowerCase(), price]));
    loweredTables.set(table, lowered);
  }
  return lowered;
}

/** Cost in USD of prompt and completion tokens at a price. */
export function costOfTokens(price: ModelPrice, prompt: number, completion: number): number {
  return Math.round(((prompt * price.input + completion * price.output) / 1e6) * 1e10) / 1e10;
}
