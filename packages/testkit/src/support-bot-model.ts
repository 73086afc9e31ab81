/** How one model behaves in generated support-bot traffic. Token counts are per trace (all LLM calls of a request). */
export interface SupportBotModel {
  name: string;
  /** Share of traffic, relative to the other models' weights. */
  weight: number;
  /** USD per 1,000 tokens. */
  pricePer1K: { prompt: number; completion: number };
  /** Lognormal prompt tokens per trace: retrieved context, history, tool results. */
  promptTokens: { median: number; sigma: number };
  completionTokens: { median: number; sigma: number };
  /** Lognormal time before the answer streams (retrieval, tool calls, first token), in ms. */
  overheadMs: { median: number; sigma: number };
  /** Generation time per completion token, in ms; added to the overhead. */
  msPerCompletionToken: number;
  /** Probability that the judge marks an answer correct, before drift and incidents. */
  accuracy: number;
  /** Mean judge helpfulness of a correct answer, in [0, 1]; wrong answers score lower. */
  helpfulness: number;
  /** Largest prompt the model accepts, named in "context length exceeded" errors. */
  contextWindow: number;
}

/** gpt-4o is the slow, pricier, accurate default; gpt-4o-mini is fast and cheap; claude-sonnet-4 sits in between on speed and is the priciest. List prices as of 2025. */
export const defaultSupportBotModels: readonly SupportBotModel[] = [
  {
    name: 'gpt-4o',
    weight: 0.45,
    pricePer1K: { prompt: 0.0025, completion: 0.01 },
    promptTokens: { median: 12_000, sigma: 0.5 },
    completionTokens: { median: 180, sigma: 0.45 },
    overheadMs: { median: 650, sigma: 0.32 },
    msPerCompletionToken: 3.2,
    accuracy: 0.95,
    helpfulness: 0.87,
    contextWindow: 128_000,
  },
  {
    name: 'gpt-4o-mini',
    weight: 0.35,
    pricePer1K: { prompt: 0.00015, completion: 0.0006 },
    promptTokens: { median: 12_000, sigma: 0.5 },
    completionTokens: { median: 170, sigma: 0.45 },
    overheadMs: { median: 330, sigma: 0.3 },
    msPerCompletionToken: 1.7,
    accuracy: 0.9,
    helpfulness: 0.86,
    contextWindow: 128_000,
  },
  {
    name: 'claude-sonnet-4',
    weight: 0.2,
    pricePer1K: { prompt: 0.003, completion: 0.015 },
    // Claude's tokenizer counts the same text as roughly 10 % more tokens.
    promptTokens: { median: 13_200, sigma: 0.5 },
    completionTokens: { median: 200, sigma: 0.45 },
    overheadMs: { median: 520, sigma: 0.3 },
    msPerCompletionToken: 2.4,
    accuracy: 0.94,
    helpfulness: 0.88,
    contextWindow: 200_000,
  },
];
