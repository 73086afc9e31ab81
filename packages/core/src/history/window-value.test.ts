import { describe, expect, it } from 'vitest';
import { BucketAggregate } from './bucket-aggregate.js';
import { windowValue } from './window-value.js';

const huge = [1e308, 1e308, 1e308];

function aggregate(exact: boolean): BucketAggregate {
  const bucket = exact ? BucketAggregate.exact(false) : new BucketAggregate(false);
  for (const value of huge) bucket.addSample(value);
  return bucket;
}

describe('windowValue with values too large to add up', () => {
  it('keeps the exact mean finite', () => {
    const value = windowValue({ kind: 'metric', metric: 'latency_ms', aggregate: 'mean' }, aggregate(true));
    expect(value.value).toBe(1e308);
    expect(value.interval === null || Number.isFinite(value.interval.lower)).toBe(true);
  });

  it.each([
    [true, 'sum'],
    [false, 'sum'],
    [false, 'mean'],
  ])('gives no value rather than Infinity or NaN (exact %s, %s)', (exact, name) => {
    const value = windowValue({ kind: 'metric', metric: 'latency_ms', aggregate: name }, aggregate(exact));
    expect(value).toMatchObject({ value: null, samples: 3, interval: null });
  });

  it('still reads min, max and count', () => {
    for (const name of ['min', 'max']) {
      expect(windowValue({ kind: 'metric', metric: 'x', aggregate: name }, aggregate(false)).value).toBe(
        1e308,
      );
    }
    expect(windowValue({ kind: 'metric', metric: 'x', aggregate: 'count' }, aggregate(false)).value).toBe(3);
  });
});
