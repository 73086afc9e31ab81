import { defaultSupportBotModels } from '../support-bot-model.js';

/** A price the server knows for an LLM id: USD per token. */
export interface ModelPrice {
  prompt_token_cost: number;
  completion_token_cost: number;
  provider_id: string;
  effective_date: string;
}

/**
 * The emulator's default price table (the hosted server ships a much larger one): the support-bot models of the
 * traffic generator at their list prices, so costs computed from seeded usage match the generated costs.
 */
export const defaultModelPrices: ReadonlyMap<string, ModelPrice> = new Map(
  defaultSupportBotModels.map((model) => [
    model.name,
    {
      prompt_token_cost: model.pricePer1K.prompt / 1000,
      completion_token_cost: model.pricePer1K.completion / 1000,
      provider_id: model.name.startsWith('claude') ? 'anthropic' : 'openai',
      effective_date: '2025-01-01T00:00:00.000000Z',
    },
  ]),
);
