import { describe, expect, it } from 'vitest';
import { sessionEvalSummary } from './session-eval-summary.js';

describe('sessionEvalSummary', () => {
  it('turns experiment stats into eval metrics', () => {
    const summary = sessionEvalSummary(
      {
        name: 'support-bot-eval-2026-11-26',
        start_time: '2026-11-26T13:30:00.000000',
        run_count: 200,
        latency_p50: 1.42,
        latency_p99: 3.1,
        total_cost: '0.5123',
        error_rate: 0.02,
        feedback_stats: {
          correctness: { n: 196, avg: 0.88 },
          tone: { n: 10, avg: null, values: { friendly: 10 } },
        },
      },
      'https://smith.langchain.com/o/t/datasets/d/compare?selectedSessions=e',
    );
    expect(summary).toEqual({
      metrics: {
        'feedback.correctness.avg': 0.88,
        'feedback.tone.avg': null,
        latency_p50: 1.42,
        latency_p99: 3.1,
        error_rate: 0.02,
        run_count: 200,
        total_cost: 0.5123,
      },
      samples: 200,
      name: 'support-bot-eval-2026-11-26',
      timestamp: '2026-11-26T13:30:00.000Z',
      url: 'https://smith.langchain.com/o/t/datasets/d/compare?selectedSessions=e',
    });
  });

  it('gives null for stats without a value and leaves out those not returned', () => {
    const summary = sessionEvalSummary({ name: 'empty', run_count: 0, latency_p50: null, error_rate: null });
    expect(summary).toEqual({
      metrics: { latency_p50: null, error_rate: null, run_count: 0 },
      samples: 0,
      name: 'empty',
    });
  });
});
