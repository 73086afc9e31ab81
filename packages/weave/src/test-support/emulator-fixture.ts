import type { EvalRecord } from '@slokit/core';
import { generateSupportBotTraffic } from '@slokit/testkit';
import { defaultModelPrices } from '@slokit/testkit/weave';

/**
 * The records a generated support-bot day becomes once Weave has priced it: the server prices every call's usage,
 * failed calls included, at its own price table.
 */
export function pricedTraffic(options: Parameters<typeof generateSupportBotTraffic>[0]): EvalRecord[] {
  return [...generateSupportBotTraffic(options)].map((record) => {
    const price = defaultModelPrices.get(record.metadata.model)!;
    return {
      ...record,
      cost_usd:
        record.tokens.prompt * price.prompt_token_cost +
        record.tokens.completion * price.completion_token_cost,
    };
  });
}
