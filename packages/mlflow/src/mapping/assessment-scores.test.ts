import { describe, expect, it } from 'vitest';
import { assessmentValues, feedbackScore } from './assessment-scores.js';

const feedback = (name: string, value: unknown, time = '2026-11-26T10:00:00.000Z', extra = {}) => ({
  assessment_name: name,
  feedback: { value },
  last_update_time: time,
  valid: true,
  ...extra,
});

describe('feedbackScore', () => {
  it('keeps numbers and booleans, turns yes/no into booleans, and drops the rest', () => {
    expect(feedbackScore(0.6)).toBe(0.6);
    expect(feedbackScore(true)).toBe(true);
    expect(feedbackScore('yes')).toBe(true);
    expect(feedbackScore(' No ')).toBe(false);
    expect(feedbackScore('maybe')).toBeUndefined();
    expect(feedbackScore(Number.NaN)).toBeUndefined();
    expect(feedbackScore({ score: 1 })).toBeUndefined();
  });
});

describe('assessmentValues', () => {
  it('makes each feedback a score under its name, and string labels metadata', () => {
    expect(
      assessmentValues([
        feedback('helpfulness', 0.6),
        feedback('correctness', 'yes'),
        feedback('safety', false),
        feedback('tone', 'friendly'),
      ]),
    ).toEqual({
      scores: { helpfulness: 0.6, correctness: true, safety: false },
      labels: { tone: 'friendly' },
    });
  });

  it('keeps the latest valid feedback per name and skips expectations, errors and invalid ones', () => {
    expect(
      assessmentValues([
        feedback('correctness', false, '2026-11-26T10:00:00.000Z'),
        feedback('correctness', true, '2026-11-26T11:00:00.000Z'),
        feedback('correctness', false, '2026-11-26T12:00:00.000Z', { valid: false }),
        { assessment_name: 'expected_answer', expectation: { value: 'Paris' } },
        { assessment_name: 'groundedness', feedback: { error: { error_code: 'RATE_LIMIT' } } },
      ]),
    ).toEqual({ scores: { correctness: true }, labels: undefined });
  });

  it('is empty without assessments', () => {
    expect(assessmentValues(undefined)).toEqual({ scores: undefined, labels: undefined });
  });
});
