import type { TokenUsage } from '@slokit/core';

/**
 * The token usage of a trace from its `mlflow.trace.tokenUsage` metadata, a JSON string
 * `{"input_tokens", "output_tokens", "total_tokens"}` (newer servers add cache counts, ignored here).
 * Undefined when absent or unreadable.
 */
export function parseTokenUsage(value: unknown): TokenUsage | undefined {
  const usage = parseJsonObject(value);
  if (usage === undefined) return undefined;
  const prompt = count(usage.input_tokens);
  const completion = count(usage.output_tokens);
  let total = count(usage.total_tokens);
  if (total === undefined && prompt !== undefined && completion !== undefined) total = prompt + completion;
  if (prompt === undefined && completion === undefined && total === undefined) return undefined;
  const tokens: TokenUsage = {};
  if (prompt !== undefined) tokens.prompt = prompt;
  if (completion !== undefined) tokens.completion = completion;
  if (total !== undefined) tokens.total = total;
  return tokens;
}

/** A JSON object from a metadata value: MLflow stores structured metadata as JSON strings. */
export function parseJsonObject(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}
