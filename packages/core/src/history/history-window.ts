import type { SliBucket } from '../state/state-store.js';
import { BucketAggregate } from './bucket-aggregate.js';

/** History is kept in 5-minute buckets; windows, slices and burn rates are answered at this resolution. */
export const bucketMs = 5 * 60_000;

export function alignDown(time: number): number {
  return Math.floor(time / bucketMs) * bucketMs;
}

export function alignUp(time: number): number {
  return Math.ceil(time / bucketMs) * bucketMs;
}

/**
 * The start of the 5-minute bucket a record at `time` falls in. A bucket holds `start < time <= start + 5m`, the
 * edges `check` uses for a window (`at - window < time <= at`), so both count the same records at a boundary.
 */
export function bucketStartOf(time: number): number {
  return alignUp(time) - bucketMs;
}

/**
 * The bucket starts `[from, to)` a window ending at `at` covers. Windows end at `at` rounded up to a bucket boundary,
 * so at 14:00 a 1h window is the buckets 13:00 to 13:55, and at 14:02 the buckets 13:05 to 14:00.
 */
export function windowRange(at: number, windowMs: number | undefined): { from: number; to: number } {
  const to = alignUp(at);
  return { from: windowMs === undefined ? 0 : alignDown(to - windowMs), to };
}

/** One SLO's buckets in a range, by segment ('' is the whole SLO) and start. */
export class BucketSeries {
  private readonly bySegment = new Map<string, Map<number, BucketAggregate>>();

  static fromRows(rows: SliBucket[]): BucketSeries {
    const series = new BucketSeries();
    for (const row of rows) series.set(row.segment, row.start, BucketAggregate.fromRow(row));
    return series;
  }

  set(segment: string, start: number, aggregate: BucketAggregate): void {
    let buckets = this.bySegment.get(segment);
    if (!buckets) {
      buckets = new Map();
      this.bySegment.set(segment, buckets);
    }
    buckets.set(start, aggregate);
  }

  get(segment: string, start: number): BucketAggregate | undefined {
    return this.bySegment.get(segment)?.get(start);
  }

  /** The bucket at `start`, made by `create` when there is none yet. */
  getOrCreate(segment: string, start: number, create: () => BucketAggregate): BucketAggregate {
    let bucket = this.get(segment, start);
    if (bucket === undefined) {
      bucket = create();
      this.set(segment, start, bucket);
    }
    return bucket;
  }

  segments(): string[] {
    return [...this.bySegment.keys()].filter((segment) => segment !== '').sort((a, b) => a.localeCompare(b));
  }

  /** Buckets of a segment with `from <= start < to`, ordered by start. */
  buckets(segment: string, from: number, to: number): Array<[number, BucketAggregate]> {
    const buckets = this.bySegment.get(segment);
    if (!buckets) return [];
    return [...buckets.entries()].filter(([start]) => start >= from && start < to).sort(([a], [b]) => a - b);
  }

  merged(segment: string, from: number, to: number, withHistogram: boolean): BucketAggregate {
    const merged = new BucketAggregate(withHistogram);
    for (const [, bucket] of this.buckets(segment, from, to)) merged.merge(bucket);
    return merged;
  }
}
