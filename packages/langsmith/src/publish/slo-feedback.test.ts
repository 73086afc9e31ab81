import { conformanceReport } from '@slokit/core/testing';
import { describe, expect, it } from 'vitest';
import { feedbackId } from './feedback-id.js';
import { sloFeedback } from './slo-feedback.js';

const report = conformanceReport();
const options = { checkId: report.checkId, at: report.at, targetId: 'p1' };

describe('sloFeedback', () => {
  it('writes the SLI value, the status and a one-line explanation', () => {
    const [p95] = report.slos;
    expect(sloFeedback(p95!, options)).toEqual({
      id: feedbackId(`${report.checkId}\np1\np95-latency`),
      key: 'slo.p95-latency',
      score: 1800,
      value: 'ok',
      comment:
        'p95-latency: 1.8s, objective ≤ 2s over 1h: ok (100 samples; slokit check 2026-11-26T14:00:00.000Z)',
      sourceInfo: {
        tool: 'slokit',
        check_id: '2026-11-26T14:00:00.000Z',
        at: '2026-11-26T14:00:00.000Z',
        slo: 'p95-latency',
        status: 'ok',
        value: 1800,
        samples: 100,
        op: 'lte',
        target: 2000,
        warning: 3000,
        critical: 5000,
        window: '1h',
        unit: 'ms',
      },
    });
  });

  it('has no score without a value, rounds to 4 decimals, and leaves labels and runbooks out', () => {
    const empty = sloFeedback(report.slos[2]!, options);
    expect(empty).toMatchObject({ score: null, value: 'no_data' });
    expect(empty.comment).toBe(
      'empty: no value, objective ≤ 2s over 1h: no data (0 samples; slokit check 2026-11-26T14:00:00.000Z)',
    );
    const ratio = sloFeedback(
      {
        ...report.slos[0]!,
        name: 'availability',
        value: 0.992912345,
        unit: 'percent',
        op: 'gte',
        target: 0.995,
        window: null,
      },
      options,
    );
    expect(ratio.score).toBe(0.9929);
    expect(ratio.comment).toContain('availability: 99.29%, objective ≥ 99.5% over all records');
    const serialized = JSON.stringify(sloFeedback(report.slos[0]!, options));
    expect(serialized).not.toContain('support');
    expect(serialized).not.toContain('runbooks');
  });
});
