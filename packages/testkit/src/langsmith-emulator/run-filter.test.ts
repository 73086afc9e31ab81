import { describe, expect, it } from 'vitest';
import { type FilterableRun, FilterSyntaxError, parseRunFilter, parseTime } from './run-filter.js';

const run: FilterableRun = {
  id: 'a',
  name: 'support-bot',
  run_type: 'chain',
  status: 'error',
  error: 'upstream 503',
  start_time: Date.parse('2026-11-26T12:00:00Z'),
  end_time: Date.parse('2026-11-26T12:00:12Z'),
  latency: 12,
  total_tokens: 6000,
  prompt_tokens: 5800,
  completion_tokens: 200,
  total_cost: 0.02,
  tags: ['production', 'gpt-4o'],
  trace_id: 'a',
  parent_run_id: null,
  is_root: true,
  metadata: { model: 'gpt-4o', tenant: 'acme' },
  feedback: [
    { key: 'helpfulness', score: 0.4, value: null },
    { key: 'correctness', score: true, value: null },
  ],
};

const matches = (filter: string) => parseRunFilter(filter)(run);

describe('parseRunFilter', () => {
  it('evaluates the documented examples', () => {
    expect(matches('and(eq(run_type, "chain"), gt(latency, 10), gt(total_tokens, 5000))')).toBe(true);
    expect(matches('and(eq(run_type, "llm"), gt(latency, 10))')).toBe(false);
    expect(matches('has(tags, "gpt-4o")')).toBe(true);
    expect(matches('has(tags, "beta")')).toBe(false);
    expect(matches('eq(status, "error")')).toBe(true);
    expect(matches('or(neq(error, null), eq(status, "success"))')).toBe(true);
    expect(matches('not(eq(error, null))')).toBe(true);
    expect(matches('lte(start_time, "2026-11-26T12:00:00Z")')).toBe(true);
    expect(matches('lt(start_time, "2026-11-26T12:00:00")')).toBe(false);
    expect(matches("in(run_type, 'llm', 'chain')")).toBe(true);
  });

  it('matches feedback and metadata conditions on the same entry inside and()', () => {
    expect(matches('and(eq(feedback_key, "helpfulness"), lt(feedback_score, 0.5))')).toBe(true);
    expect(matches('and(eq(feedback_key, "correctness"), lt(feedback_score, 0.5))')).toBe(false);
    expect(matches('and(eq(feedback_key, "correctness"), eq(feedback_score, 1))')).toBe(true);
    expect(matches('and(eq(metadata_key, "model"), eq(metadata_value, "gpt-4o"))')).toBe(true);
    expect(matches('and(eq(metadata_key, "tenant"), eq(metadata_value, "gpt-4o"))')).toBe(false);
  });

  it('rejects what it does not understand', () => {
    expect(() => parseRunFilter('eq(colour, "red")')).toThrow(FilterSyntaxError);
    expect(() => parseRunFilter('frobnicate(status)')).toThrow('unknown function');
    expect(() => parseRunFilter('eq(status, "error"')).toThrow(FilterSyntaxError);
    expect(() => parseRunFilter('eq(status, "error")) trailing')).toThrow('unexpected input');
    expect(() => parseRunFilter('gt(start_time, "yesterday")')).toThrow('not a time');
  });
});

describe('parseTime', () => {
  it('reads times without a zone as UTC', () => {
    expect(parseTime('2026-11-26T12:00:30.123000')).toBe(Date.parse('2026-11-26T12:00:30.123Z'));
    expect(parseTime('2026-11-26T12:00:30+01:00')).toBe(Date.parse('2026-11-26T11:00:30Z'));
  });
});
