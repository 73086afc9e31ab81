import { describe, expect, it } from 'vitest';
import { feedbackScores } from './feedback-scores.js';

describe('feedbackScores', () => {
  it('takes each key’s average', () => {
    expect(
      feedbackScores({
        helpfulness: { n: 2, avg: 0.75, stdev: 0.25 },
        correctness: { n: 1, avg: 1, values: {} },
      }),
    ).toEqual({ helpfulness: 0.75, correctness: 1 });
  });

  it('leaves out categorical keys and is undefined without scores', () => {
    expect(feedbackScores({ tone: { n: 3, avg: null, values: { friendly: 3 } }, x: 'odd' })).toBeUndefined();
    expect(feedbackScores({})).toBeUndefined();
    expect(feedbackScores(null)).toBeUndefined();
  });
});
