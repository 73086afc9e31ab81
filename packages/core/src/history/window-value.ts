import type { IntervalReport, SliValue } from '../sli/sli-value.js';
import type { ResolvedSli } from '../slo/resolved-slo.js';
import { meanInterval } from '../stats/running-moments.js';
import { studentTQuantile } from '../stats/student-t-quantile.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import type { BucketAggregate } from './bucket-aggregate.js';

/**
 * The SLI value of an aggregate: of the records `check` folded, or of history buckets merged over a window. Exact
 * aggregates answer from their samples and compensated moments; stored ones from sums and the log histogram.
 */
export function windowValue(
  sli: Exclude<ResolvedSli, { kind: 'evalMetric' }>,
  merged: BucketAggregate,
): SliValue {
  if (sli.kind === 'ratio') return ratioValue(merged);
  if (sli.quantile !== undefined) return quantileValue(sli.quantile, merged);
  return momentsValue(sli.aggregate as MomentsAggregate, merged);
}

type MomentsAggregate = 'mean' | 'min' | 'max' | 'sum' | 'count';

function ratioValue(merged: BucketAggregate): SliValue {
  const samples = merged.count;
  const interval = wilsonInterval(merged.good, samples);
  return {
    value: samples === 0 ? null : merged.good / samples,
    samples,
    interval: interval ? { ...interval, method: 'wilson' } : null,
    good: merged.good,
    exact: null,
    ignored: 0,
  };
}

function quantileValue(quantile: number, merged: BucketAggregate): SliValue {
  const samples = merged.count;
  const base = { samples, interval: null, good: null, ignored: merged.ignored };
  if (samples === 0) return { ...base, value: null, exact: null };
  if (merged.estimator) {
    return { ...base, value: merged.estimator.quantile(quantile) ?? null, exact: merged.estimator.exact };
  }
  const estimate = merged.histogram?.quantile(quantile);
  const value = estimate === undefined ? null : Math.min(merged.max, Math.max(merged.min, estimate));
  return { ...base, value, exact: false };
}

function momentsValue(aggregate: MomentsAggregate, merged: BucketAggregate): SliValue {
  const samples = merged.count;
  const moments = merged.moments;
  const sum = moments ? moments.sum : merged.sum;
  const values: Record<MomentsAggregate, number> = {
    // Huge values can overflow the sum; exact moments still know the mean (Welford's update stays finite).
    mean: Number.isFinite(sum) || !moments ? sum / samples : moments.mean,
    min: merged.min,
    max: merged.max,
    sum,
    count: samples,
  };
  const interval = aggregate === 'mean' ? meanIntervalOf(merged, values.mean) : null;
  const value = values[aggregate];
  return {
    // A value that overflowed is no value (build-slo-report says why), never Infinity or NaN.
    value: (samples === 0 && aggregate !== 'count') || !Number.isFinite(value) ? null : value,
    samples,
    interval,
    good: null,
    exact: null,
    ignored: merged.ignored,
  };
}

function meanIntervalOf(merged: BucketAggregate, mean: number): IntervalReport | null {
  const interval = meanIntervalFrom(merged, mean);
  return interval && Number.isFinite(interval.lower) && Number.isFinite(interval.upper) ? interval : null;
}

function meanIntervalFrom(merged: BucketAggregate, mean: number): IntervalReport | null {
  if (merged.moments) {
    const interval = meanInterval(merged.moments);
    return interval ? { ...interval, method: 'student-t' } : null;
  }
  const n = merged.count;
  if (n < 2) return null;
  const variance = Math.max(0, (merged.sumSquares - n * mean * mean) / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { lower: mean - half, upper: mean + half, confidence: 0.95, method: 'student-t' };
}
