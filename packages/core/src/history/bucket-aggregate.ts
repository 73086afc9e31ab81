import type { SliBucket } from '../state/state-store.js';
import { LogHistogram } from '../stats/log-histogram.js';
import { createQuantileEstimator, type QuantileEstimator } from '../stats/quantile-estimator.js';
import { RunningMoments } from '../stats/running-moments.js';

/**
 * The mergeable aggregates of one time bucket (or of a whole window, once merged). A stored bucket keeps sums and a
 * log histogram; an exact one (what `check` folds records into, in memory) also keeps compensated moments and every
 * sample up to the exact-percentile limit, so its answers are exact.
 */
export class BucketAggregate {
  count = 0;
  good = 0;
  sum = 0;
  sumSquares = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  slices = 0;
  goodSlices = 0;
  /** Values present but not numbers, not counted. */
  ignored = 0;
  /** Exact aggregates only: compensated sum, Welford mean and variance. */
  moments: RunningMoments | undefined;
  /** Exact aggregates only: the samples of a percentile SLI (exact up to 100,000, then a DDSketch). */
  estimator: QuantileEstimator | undefined;
  private parsedHistogram: LogHistogram | undefined;
  /** A stored histogram not parsed yet: most stored buckets are never merged, so parsing waits until one is. */
  private histogramText: string | undefined;

  constructor(withHistogram: boolean) {
    if (withHistogram) this.parsedHistogram = new LogHistogram();
  }

  /** An in-memory aggregate with exact moments and, for percentiles, exact quantiles. */
  static exact(withQuantiles: boolean): BucketAggregate {
    const aggregate = new BucketAggregate(false);
    aggregate.moments = new RunningMoments();
    if (withQuantiles) aggregate.estimator = createQuantileEstimator();
    return aggregate;
  }

  get histogram(): LogHistogram | undefined {
    if (this.histogramText !== undefined) {
      this.parsedHistogram = LogHistogram.parse(this.histogramText);
      this.histogramText = undefined;
    }
    return this.parsedHistogram;
  }

  set histogram(histogram: LogHistogram | undefined) {
    this.histogramText = undefined;
    this.parsedHistogram = histogram;
  }

  addSample(value: number): void {
    this.count++;
    this.sum += value;
    this.sumSquares += value * value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.histogram?.add(value);
    this.moments?.add(value);
    this.estimator?.add(value);
  }

  addEvent(isGood: boolean): void {
    this.count++;
    if (isGood) this.good++;
  }

  merge(other: BucketAggregate): void {
    this.count += other.count;
    this.good += other.good;
    this.sum += other.sum;
    this.sumSquares += other.sumSquares;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.slices += other.slices;
    this.goodSlices += other.goodSlices;
    this.ignored += other.ignored;
    if (other.moments) {
      this.moments ??= new RunningMoments();
      this.moments.merge(other.moments);
    }
    if (other.estimator) {
      this.estimator ??= createQuantileEstimator();
      this.estimator.merge(other.estimator);
    }
    if (other.histogramText !== undefined) {
      // A stored bucket: merge its text directly, without building (and collecting) a histogram for it.
      if (!this.histogram) this.histogram = new LogHistogram();
      this.histogram.mergeSerialized(other.histogramText);
      return;
    }
    const histogram = other.parsedHistogram;
    if (histogram) {
      if (!this.histogram) this.histogram = new LogHistogram(histogram.relativeAccuracy);
      this.histogram.merge(histogram);
    }
  }

  toRow(key: { slo: string; definition: string; segment: string; start: number }): SliBucket {
    return {
      ...key,
      count: this.count,
      good: this.good,
      sum: this.sum,
      sumSquares: this.sumSquares,
      min: Number.isFinite(this.min) ? this.min : null,
      max: Number.isFinite(this.max) ? this.max : null,
      sketch: this.histogramText ?? (this.parsedHistogram ? this.parsedHistogram.serialize() : null),
      slices: this.slices,
      goodSlices: this.goodSlices,
    };
  }

  static fromRow(row: SliBucket): BucketAggregate {
    const aggregate = new BucketAggregate(false);
    aggregate.count = row.count;
    aggregate.good = row.good;
    aggregate.sum = row.sum;
    aggregate.sumSquares = row.sumSquares;
    aggregate.min = row.min ?? Number.POSITIVE_INFINITY;
    aggregate.max = row.max ?? Number.NEGATIVE_INFINITY;
    aggregate.slices = row.slices ?? 0;
    aggregate.goodSlices = row.goodSlices ?? 0;
    if (row.sketch !== null) aggregate.histogramText = row.sketch;
    return aggregate;
  }
}
