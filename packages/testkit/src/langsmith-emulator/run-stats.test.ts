import { describe, expect, it } from 'vitest';
import { computeRunStats, feedbackStats, quantile, type StatRun } from './run-stats.js';

function statRun(latency: number | null, status: StatRun['status'], cost = 0.01): StatRun {
  return {
    start_time: Date.parse('2026-11-26T12:00:00Z') + (latency ?? 0) * 1000,
    latency,
    status,
    prompt_tokens: 100,
    completion_tokens: 20,
    total_tokens: 120,
    prompt_cost: 0,
    completion_cost: 0,
    total_cost: cost,
    feedback: status === 'success' ? [{ key: 'correctness', score: latency! < 3, value: null }] : [],
  };
}

describe('computeRunStats', () => {
  it('gives LangSmith session stats: seconds, rates, totals and feedback', () => {
    const stats = computeRunStats([
      statRun(1, 'success'),
      statRun(2, 'success'),
      statRun(3, 'success'),
      statRun(4, 'error'),
      statRun(null, 'pending'),
    ]);
    expect(stats.run_count).toBe(5);
    expect(stats.error_rate).toBe(0.2);
    expect(stats.latency_p50).toBe(2.5);
    expect(stats.latency_p99).toBeCloseTo(3.97, 10);
    expect(stats.total_tokens).toBe(600);
    expect(stats.total_cost).toBe(0.05);
    expect(stats.last_run_start_time).toBe('2026-11-26T12:00:04.000Z');
    expect(stats.feedback_stats.correctness).toMatchObject({ n: 3, avg: 2 / 3, min: 0, max: 1 });
  });

  it('has no latency or error rate without runs', () => {
    const stats = computeRunStats([]);
    expect(stats).toMatchObject({ run_count: 0, latency_p50: null, error_rate: null, feedback_stats: {} });
  });
});

describe('feedbackStats', () => {
  it('averages scores and counts categorical values', () => {
    const stats = feedbackStats([
      { key: 'tone', score: null, value: 'friendly' },
      { key: 'tone', score: null, value: 'friendly' },
      { key: 'helpfulness', score: 0.5, value: null },
      { key: 'helpfulness', score: 1, value: null },
    ]);
    expect(stats.tone).toMatchObject({ n: 2, avg: null, values: { friendly: 2 }, type: 'categorical' });
    expect(stats.helpfulness).toMatchObject({ n: 2, avg: 0.75, stdev: 0.25, median: 0.75 });
  });
});

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
  });
});
