import type { TokenUsage } from '@slokit/core';

/**
 * Token counts from `summary.usage` (`{<model>: {prompt_tokens | input_tokens, completion_tokens | output_tokens,
 * total_tokens}}`), summed over models. Undefined when the call reports no usage.
 */
export function usageTokens(usage: unknown): TokenUsage | undefined {
  if (usage === null || typeof usage !== 'object') return undefined;
  let prompt = 0;
  let completion = 0;
  let total = 0;
  let found = false;
  for (const entry of Object.values(usage as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object') continue;
    const counts = entry as Record<string, unknown>;
    const entryPrompt = count(counts.prompt_tokens) ?? count(counts.input_tokens) ?? 0;
    const entryCompletion = count(counts.completion_tokens) ?? count(counts.output_tokens) ?? 0;
    prompt += entryPrompt;
    completion += entryCompletion;
    total += count(counts.total_tokens) ?? entryPrompt + entryCompletion;
    found = true;
  }
  return found ? { prompt, completion, total } : undefined;
}

/** The model with the most tokens in `summary.usage`: the one a call mostly ran on. */
export function mainModel(usage: unknown): string | undefined {
  if (usage === null || typeof usage !== 'object') return undefined;
  let best: string | undefined;
  let bestTokens = -1;
  for (const [model, entry] of Object.entries(usage as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object') continue;
    const counts = entry as Record<string, unknown>;
    const tokens =
      count(counts.total_tokens) ??
      (count(counts.prompt_tokens) ?? count(counts.input_tokens) ?? 0) +
        (count(counts.completion_tokens) ?? count(counts.output_tokens) ?? 0);
    if (tokens > bestTokens) {
      best = model;
      bestTokens = tokens;
    }
  }
  return best;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
