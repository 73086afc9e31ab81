import { describe, expect, it } from 'vitest';
import { parseTokenUsage } from './parse-token-usage.js';

describe('parseTokenUsage', () => {
  it('reads mlflow.trace.tokenUsage as prompt, completion and total', () => {
    expect(parseTokenUsage('{"input_tokens": 578, "output_tokens": 52, "total_tokens": 630}')).toEqual({
      prompt: 578,
      completion: 52,
      total: 630,
    });
  });

  it('derives the total, ignores cache counts, and accepts an already parsed object', () => {
    expect(parseTokenUsage({ input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 3 })).toEqual({
      prompt: 10,
      completion: 5,
      total: 15,
    });
    expect(parseTokenUsage('{"total_tokens": 42}')).toEqual({ total: 42 });
  });

  it('is undefined when absent or unreadable', () => {
    expect(parseTokenUsage(undefined)).toBeUndefined();
    expect(parseTokenUsage('not json')).toBeUndefined();
    expect(parseTokenUsage('{"input_tokens": -3}')).toBeUndefined();
    expect(parseTokenUsage('[1, 2]')).toBeUndefined();
  });
});
