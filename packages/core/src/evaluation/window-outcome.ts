import { windowValue } from '../history/window-value.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import type { SloOutcome } from './build-slo-report.js';
import { overallSegment } from './slo-fold.js';

/** Merges a fold's (or history's) buckets over one range. */
export interface MergedBuckets {
  segments(): string[];
  merged(
    segment: string,
    from: number,
    to: number,
    withHistogram: boolean,
  ): import('../history/bucket-aggregate.js').BucketAggregate;
}

/**
 * The outcome of a record-based SLO over `[from, to)` of its buckets: the whole SLO and each segment with data,
 * in segment order.
 */
export function windowOutcome(
  slo: ResolvedSlo,
  buckets: MergedBuckets,
  range: { from: number; to: number },
  withHistogram: boolean,
  notes: string[] = [],
): SloOutcome {
  const sli = slo.sli as Exclude<ResolvedSlo['sli'], { kind: 'evalMetric' }>;
  const overall = windowValue(sli, buckets.merged(overallSegment, range.from, range.to, withHistogram));
  const segments =
    slo.groupBy === undefined
      ? null
      : buckets
          .segments()
          .map((key) => ({
            key,
            value: windowValue(sli, buckets.merged(key, range.from, range.to, withHistogram)),
          }))
          .filter(({ value }) => value.samples > 0 || value.ignored > 0);
  return { overall, segments, notes };
}
