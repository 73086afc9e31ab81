import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import type { ResolvedSli } from '../slo/resolved-slo.js';
import { createQuantileEstimator, type QuantileEstimator } from '../stats/quantile-estimator.js';
import { meanInterval, RunningMoments } from '../stats/running-moments.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { compileHasField, compilePredicate } from './compile-predicate.js';

export interface IntervalReport {
  lower: number;
  upper: number;
  confidence: number;
  method: 'wilson' | 'student-t';
}

/** The aggregated value of an SLI over the records it saw. */
export interface SliValue {
  value: number | null;
  samples: number;
  interval: IntervalReport | null;
  /** For ratios: the events the `good` predicate matched. */
  good: number | null;
  /** For percentiles: whether the value is exact (false once a sketch took over). */
  exact: boolean | null;
  /** Values of the metric's field that were not numbers and so were not counted. */
  ignored: number;
}

export interface SliAccumulator {
  add(record: EvalRecord): void;
  result(): SliValue;
}

export type SliAccumulatorFactory = () => SliAccumulator;

/** Compiles an SLI once; the returned factory makes one accumulator per SLO segment. */
export function compileSli(sli: Exclude<ResolvedSli, { kind: 'evalMetric' }>): SliAccumulatorFactory {
  if (sli.kind === 'ratio') {
    const isGood = compilePredicate(sli.good);
    const isCounted = sli.total ? compilePredicate(sli.total) : compileHasField(sli.good.field);
    return () => ratioAccumulator(isGood, isCounted);
  }
  const read = compileFieldPath(sli.metric);
  const quantile = sli.quantile;
  if (quantile !== undefined) return () => quantileAccumulator(read, quantile);
  return () => momentsAccumulator(read, sli.aggregate as 'mean' | 'min' | 'max' | 'sum' | 'count');
}

function ratioAccumulator(
  isGood: (record: EvalRecord) => boolean,
  isCounted: (record: EvalRecord) => boolean,
): SliAccumulator {
  let good = 0;
  let total = 0;
  return {
    add(record) {
      if (!isCounted(record)) return;
      total++;
      if (isGood(record)) good++;
    },
    result() {
      const interval = wilsonInterval(good, total);
      return {
        value: total === 0 ? null : good / total,
        samples: total,
        interval: interval ? { ...interval, method: 'wilson' } : null,
        good,
        exact: null,
        ignored: 0,
      };
    },
  };
}

/** Numbers count as themselves, booleans as 1/0, numeric strings (CSV metadata) as numbers; absent values do not count. */
function toSample(value: unknown): number | undefined | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

/** Feeds the numeric samples a field yields into `sink`, counting values that are present but not numbers. */
function numericSamples(read: (record: EvalRecord) => unknown, sink: { add(value: number): void }) {
  const counter = {
    ignored: 0,
    add(record: EvalRecord) {
      const sample = toSample(read(record));
      if (sample === undefined) return;
      if (sample === null) counter.ignored++;
      else sink.add(sample);
    },
  };
  return counter;
}

function quantileAccumulator(read: (record: EvalRecord) => unknown, quantile: number): SliAccumulator {
  const estimator: QuantileEstimator = createQuantileEstimator();
  const samples = numericSamples(read, estimator);
  return {
    add: samples.add,
    result() {
      return {
        value: estimator.count === 0 ? null : (estimator.quantile(quantile) ?? null),
        samples: estimator.count,
        interval: null,
        good: null,
        exact: estimator.count === 0 ? null : estimator.exact,
        ignored: samples.ignored,
      };
    },
  };
}

function momentsAccumulator(
  read: (record: EvalRecord) => unknown,
  aggregate: 'mean' | 'min' | 'max' | 'sum' | 'count',
): SliAccumulator {
  const moments = new RunningMoments();
  const numbers = numericSamples(read, moments);
  return {
    add: numbers.add,
    result() {
      const samples = moments.count;
      const interval = aggregate === 'mean' ? meanInterval(moments) : undefined;
      const values = {
        mean: moments.sum / samples,
        min: moments.min,
        max: moments.max,
        sum: moments.sum,
        count: samples,
      };
      return {
        value: samples === 0 && aggregate !== 'count' ? null : values[aggregate],
        samples,
        interval: interval ? { ...interval, method: 'student-t' } : null,
        good: null,
        exact: null,
        ignored: numbers.ignored,
      };
    },
  };
}
