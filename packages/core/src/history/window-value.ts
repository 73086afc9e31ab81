import type { IntervalReport, SliValue } from '../sli/sli-accumulator.js';
import type { ResolvedSli } from '../slo/resolved-slo.js';
import { studentTQuantile } from '../stats/student-t-quantile.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import type { BucketAggregate } from './bucket-aggregate.js';

/** The SLI value of merged buckets: what `check` computes from records, answered from history. */
export function windowValue(
  sli: Exclude<ResolvedSli, { kind: 'evalMetric' }>,
  merged: BucketAggregate,
): SliValue {
  const samples = merged.count;
  const empty: SliValue = { value: null, samples: 0, interval: null, good: null, exact: null, ignored: 0 };
  if (sli.kind === 'ratio') {
    if (samples === 0) return { ...empty, good: 0 };
    const interval = wilsonInterval(merged.good, samples);
    return {
      value: merged.good / samples,
      samples,
      interval: interval ? { ...interval, method: 'wilson' } : null,
      good: merged.good,
      exact: null,
      ignored: 0,
    };
  }
  if (samples === 0) return empty;
  if (sli.quantile !== undefined) {
    const estimate = merged.histogram?.quantile(sli.quantile);
    const value = estimate === undefined ? null : Math.min(merged.max, Math.max(merged.min, estimate));
    return { value, samples, interval: null, good: null, exact: false, ignored: 0 };
  }
  const mean = merged.sum / samples;
  const values: Record<string, number> = {
    mean,
    min: merged.min,
    max: merged.max,
    sum: merged.sum,
    count: samples,
  };
  return {
    value: values[sli.aggregate] ?? null,
    samples,
    interval: sli.aggregate === 'mean' ? meanInterval(merged, mean) : null,
    good: null,
    exact: null,
    ignored: 0,
  };
}

function meanInterval(merged: BucketAggregate, mean: number): IntervalReport | null {
  const n = merged.count;
  if (n < 2) return null;
  const variance = Math.max(0, (merged.sumSquares - n * mean * mean) / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { lower: mean - half, upper: mean + half, confidence: 0.95, method: 'student-t' };
}
