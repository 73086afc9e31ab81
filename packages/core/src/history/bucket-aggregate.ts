import type { SliBucket } from '../state/state-store.js';
import { LogHistogram } from '../stats/log-histogram.js';

/** The mergeable aggregates of one time bucket (or of a whole window, once merged). */
export class BucketAggregate {
  count = 0;
  good = 0;
  sum = 0;
  sumSquares = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  histogram: LogHistogram | undefined;

  constructor(withHistogram: boolean) {
    if (withHistogram) this.histogram = new LogHistogram();
  }

  addSample(value: number): void {
    this.count++;
    this.sum += value;
    this.sumSquares += value * value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.histogram?.add(value);
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
    if (other.histogram) {
      if (this.histogram) this.histogram.merge(other.histogram);
      else {
        this.histogram = new LogHistogram(other.histogram.relativeAccuracy);
        this.histogram.merge(other.histogram);
      }
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
      sketch: this.histogram ? this.histogram.serialize() : null,
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
    if (row.sketch !== null) aggregate.histogram = LogHistogram.parse(row.sketch);
    return aggregate;
  }
}
