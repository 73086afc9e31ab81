import { describe, expect, it } from 'vitest';
import { targetStats } from './target-stats.js';

describe('targetStats', () => {
  it('reads a /runs/stats answer, costs as strings or numbers', () => {
    expect(
      targetStats('support-bot', {
        run_count: 349,
        error_rate: 0.023,
        latency_p50: 1.1,
        latency_p99: 9.5,
        total_cost: '18.1234',
        feedback_stats: { helpfulness: { n: 308, avg: 0.755 }, tone: { n: 3 } },
        run_facets: [],
      }),
    ).toEqual({
      target: 'support-bot',
      runCount: 349,
      errorRate: 0.023,
      latencyP50: 1.1,
      latencyP99: 9.5,
      totalCost: 18.1234,
      feedback: { helpfulness: { n: 308, avg: 0.755 }, tone: { n: 3, avg: null } },
    });
  });

  it('gives null for what is missing', () => {
    expect(targetStats('empty', { run_count: 0, latency_p50: null })).toEqual({
      target: 'empty',
      runCount: 0,
      errorRate: null,
      latencyP50: null,
      latencyP99: null,
      totalCost: null,
      feedback: {},
    });
  });
});
