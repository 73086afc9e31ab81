import { studentTQuantile } from './student-t-quantile.js';
import type { Interval } from './wilson-interval.js';

/**
 * Count, sum, extremes, mean and variance of a stream of values in O(1) memory. Mean and variance use
 * Welford's update (and Chan et al.'s pairwise formula for merge), which stays accurate when the values sit
 * on a large offset, unlike the sum-of-squares formula.
 */
export class RunningMoments {
  private n = 0;
  private total = 0;
  // Neumaier compensation: the low-order bits lost from `total`, so 602 x 0.05 sums to 30.1 and means stay exact.
  private compensation = 0;
  private minimum = Number.POSITIVE_INFINITY;
  private maximum = Number.NEGATIVE_INFINITY;
  private average = 0;
  // Sum of squared deviations from the current mean.
  private m2 = 0;

  get count(): number {
    return this.n;
  }

  get sum(): number {
    return this.total + this.compensation;
  }

  /** +Infinity while empty. */
  get min(): number {
    return this.minimum;
  }

  /** -Infinity while empty. */
  get max(): number {
    return this.maximum;
  }

  /** NaN while empty. */
  get mean(): number {
    return this.n === 0 ? Number.NaN : this.average;
  }

  add(value: number): void {
    if (!Number.isFinite(value))
      throw new RangeError(`RunningMoments accepts finite values only, got ${value}`);
    this.n += 1;
    this.addToTotal(value);
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
    const delta = value - this.average;
    this.average += delta / this.n;
    this.m2 += delta * (value - this.average);
  }

  private addToTotal(value: number): void {
    const next = this.total + value;
    this.compensation +=
      Math.abs(this.total) >= Math.abs(value) ? this.total - next + value : value - next + this.total;
    this.total = next;
  }

  merge(other: RunningMoments): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.n = other.n;
      this.total = other.total;
      this.compensation = other.compensation;
      this.minimum = other.minimum;
      this.maximum = other.maximum;
      this.average = other.average;
      this.m2 = other.m2;
      return;
    }
    const n = this.n + other.n;
    const delta = other.average - this.average;
    this.m2 += other.m2 + ((delta * delta * this.n) / n) * other.n;
    this.average += (delta * other.n) / n;
    this.n = n;
    this.addToTotal(other.total);
    this.addToTotal(other.compensation);
    if (other.minimum < this.minimum) this.minimum = other.minimum;
    if (other.maximum > this.maximum) this.maximum = other.maximum;
  }

  /** Unbiased sample variance (divisor n - 1); undefined with fewer than two values. */
  sampleVariance(): number | undefined {
    return this.n < 2 ? undefined : this.m2 / (this.n - 1);
  }
}

/**
 * Student-t confidence interval for the mean: mean ± t(1 - α/2, n - 1) · s / √n with s the sample standard
 * deviation. Undefined with fewer than two values.
 */
export function meanInterval(moments: RunningMoments, confidence = 0.95): Interval | undefined {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Confidence must be within (0, 1), got ${confidence}`);
  }
  const variance = moments.sampleVariance();
  if (variance === undefined) return undefined;
  const n = moments.count;
  const halfWidth = studentTQuantile((1 + confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { lower: moments.mean - halfWidth, upper: moments.mean + halfWidth, confidence };
}
