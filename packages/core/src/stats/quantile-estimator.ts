import { DDSketch } from '@datadog/sketches-js';
import { exactQuantile } from './quantile.js';

/** Streaming quantiles: exact up to a size limit, then a DDSketch with bounded relative error. */
export interface QuantileEstimator {
  add(value: number): void;
  readonly count: number;
  /** True while every value is kept and quantiles are exact; false once the estimator became a sketch. */
  readonly exact: boolean;
  /** Undefined when no value was added. */
  quantile(q: number): number | undefined;
  merge(other: QuantileEstimator): void;
}

export interface QuantileEstimatorOptions {
  /** Most values kept for exact quantiles; beyond it the estimator switches to a sketch. Default 100 000. */
  exactLimit?: number;
  /** Relative accuracy of the sketch, in (0, 1). Default 0.01. */
  relativeAccuracy?: number;
}

const DEFAULT_EXACT_LIMIT = 100_000;
const DEFAULT_RELATIVE_ACCURACY = 0.01;
const INITIAL_CAPACITY = 64;

/**
 * Keeps values in a growable Float64Array and answers with `exactQuantile` (numpy's linear method) while
 * there are at most `exactLimit` of them. Past that, it moves them into a DDSketch and drops the array, so
 * memory stays bounded; the sketch answers the lower order statistic at rank q·(n - 1) within
 * `relativeAccuracy` relative error (q = 0 and q = 1 still give the exact min and max).
 */
export function createQuantileEstimator(options: QuantileEstimatorOptions = {}): QuantileEstimator {
  const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const relativeAccuracy = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
  if (!(exactLimit >= 0 && (Number.isInteger(exactLimit) || exactLimit === Number.POSITIVE_INFINITY))) {
    throw new RangeError(`exactLimit must be an integer >= 0, got ${exactLimit}`);
  }
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    throw new RangeError(`relativeAccuracy must be within (0, 1), got ${relativeAccuracy}`);
  }
  return new HybridQuantileEstimator(exactLimit, relativeAccuracy);
}

class HybridQuantileEstimator implements QuantileEstimator {
  private readonly exactLimit: number;
  private readonly relativeAccuracy: number;
  /** Exact mode: values[0, size) holds every value; undefined in sketch mode. */
  private values: Float64Array | undefined;
  private size = 0;
  private sorted = true;
  private sketch: DDSketch | undefined;

  constructor(exactLimit: number, relativeAccuracy: number) {
    this.exactLimit = exactLimit;
    this.relativeAccuracy = relativeAccuracy;
    this.values = new Float64Array(Math.min(INITIAL_CAPACITY, exactLimit));
  }

  get count(): number {
    return this.sketch ? this.sketch.count : this.size;
  }

  get exact(): boolean {
    return this.sketch === undefined;
  }

  add(value: number): void {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Quantile estimators accept finite values only, got ${value}`);
    }
    if (this.sketch) {
      this.sketch.accept(value);
      return;
    }
    if (this.size >= this.exactLimit) {
      this.toSketch().accept(value);
      return;
    }
    const values = this.reserve(this.size + 1);
    if (this.sorted && this.size > 0 && value < (values[this.size - 1] as number)) this.sorted = false;
    values[this.size] = value;
    this.size += 1;
  }

  quantile(q: number): number | undefined {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be within [0, 1], got ${q}`);
    const sketch = this.sketch;
    if (sketch) {
      if (sketch.count === 0) return undefined;
      if (q === 0) return sketch.min;
      if (q === 1) return sketch.max;
      // The bucket midpoint can fall outside the observed range; clamping only moves it closer to the truth.
      return Math.min(sketch.max, Math.max(sketch.min, sketch.getValueAtQuantile(q)));
    }
    if (this.size === 0 || !this.values) return undefined;
    const view = this.values.subarray(0, this.size);
    if (!this.sorted) {
      view.sort();
      this.sorted = true;
    }
    return exactQuantile(view, q);
  }

  merge(other: QuantileEstimator): void {
    if (!(other instanceof HybridQuantileEstimator)) {
      throw new TypeError('Can only merge estimators made by createQuantileEstimator');
    }
    const source = other === this ? this.clone() : other;
    if (source.count === 0) return;
    if (!this.sketch && source.values && this.size + source.size <= this.exactLimit) {
      const values = this.reserve(this.size + source.size);
      values.set(source.values.subarray(0, source.size), this.size);
      this.sorted = this.size === 0 && source.sorted;
      this.size += source.size;
      return;
    }
    const sketch = this.toSketch();
    if (source.sketch) {
      addSketch(sketch, source.sketch);
    } else if (source.values) {
      for (let i = 0; i < source.size; i++) sketch.accept(source.values[i] as number);
    }
  }

  private clone(): HybridQuantileEstimator {
    const copy = new HybridQuantileEstimator(this.exactLimit, this.relativeAccuracy);
    if (this.sketch) {
      copy.values = undefined;
      copy.sketch = new DDSketch({ relativeAccuracy: this.relativeAccuracy });
      addSketch(copy.sketch, this.sketch);
    } else if (this.values) {
      copy.values = this.values.slice(0, this.size);
      copy.size = this.size;
      copy.sorted = this.sorted;
    }
    return copy;
  }

  /** The value array with room for `needed` values, grown by doubling up to exactLimit. */
  private reserve(needed: number): Float64Array {
    const values = this.values ?? new Float64Array(0);
    if (values.length >= needed) return values;
    const capacity = Math.max(
      needed,
      Math.min(Math.max(2 * values.length, INITIAL_CAPACITY), this.exactLimit),
    );
    const grown = new Float64Array(capacity);
    grown.set(values.subarray(0, this.size));
    this.values = grown;
    return grown;
  }

  private toSketch(): DDSketch {
    if (this.sketch) return this.sketch;
    const sketch = new DDSketch({ relativeAccuracy: this.relativeAccuracy });
    const values = this.values;
    if (values) for (let i = 0; i < this.size; i++) sketch.accept(values[i] as number);
    this.sketch = sketch;
    this.values = undefined;
    this.size = 0;
    return sketch;
  }
}

/**
 * Adds the contents of `source` to `target`. Not `DDSketch.merge`: in @datadog/sketches-js 2.1.1 it drops the
 * source's negative values (while still adding their count), and its store merge can lose the bucket of
 * values near 1 (key 0, through `secondKey || key`). Re-adding each bucket's representative value with the
 * bucket's count rebuilds exactly the same buckets, since the representative maps back to its own key.
 */
function addSketch(target: DDSketch, source: DDSketch): void {
  if (target.mapping.gamma !== source.mapping.gamma) {
    throw new RangeError('Cannot merge quantile estimators with different relativeAccuracy');
  }
  if (source.count === 0) return;
  const min = Math.min(target.min, source.min);
  const max = Math.max(target.max, source.max);
  const sum = target.sum + source.sum;
  addBuckets(target, source.store, 1);
  addBuckets(target, source.negativeStore, -1);
  if (source.zeroCount > 0) target.accept(0, source.zeroCount);
  // accept() tracked the representatives; restore the true extremes and sum.
  target.min = min;
  target.max = max;
  target.sum = sum;
}

function addBuckets(target: DDSketch, store: DDSketch['store'], sign: 1 | -1): void {
  const bins = store.bins;
  for (let i = 0; i < bins.length; i++) {
    const weight = bins[i];
    if (weight !== undefined && weight > 0)
      target.accept(sign * target.mapping.value(i + store.offset), weight);
  }
}
