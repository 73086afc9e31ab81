import { BucketAggregate } from '../history/bucket-aggregate.js';
import { windowValue } from '../history/window-value.js';
import type { SliValue } from '../sli/sli-value.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import { classifyStatus, statusSeverity } from '../slo/slo-status.js';
import type { SloOutcome } from './build-slo-report.js';
import { defaultMaxSegments, otherSegmentKey, overallSegment } from './slo-fold.js';

/** Merges a fold's (or history's) buckets over one range. */
export interface MergedBuckets {
  segments(): string[];
  merged(segment: string, from: number, to: number, withHistogram: boolean): BucketAggregate;
}

interface SegmentWindow {
  key: string;
  aggregate: BucketAggregate;
  value: SliValue;
}

type RecordSli = Exclude<ResolvedSlo['sli'], { kind: 'evalMetric' }>;

/**
 * The outcome of a record-based SLO over `[from, to)` of its buckets: the whole SLO and each segment with data, in
 * segment order; past `maxSegments`, the worst segments and `(other)`.
 */
export function windowOutcome(
  slo: ResolvedSlo,
  buckets: MergedBuckets,
  range: { from: number; to: number },
  withHistogram: boolean,
  notes: string[] = [],
): SloOutcome {
  const sli = slo.sli as RecordSli;
  const overall = windowValue(sli, buckets.merged(overallSegment, range.from, range.to, withHistogram));
  if (slo.groupBy === undefined) return { overall, segments: null, notes };
  const segments = buckets
    .segments()
    .map((key) => {
      const aggregate = buckets.merged(key, range.from, range.to, withHistogram);
      return { key, aggregate, value: windowValue(sli, aggregate) };
    })
    .filter(({ value }) => value.samples > 0 || value.ignored > 0);
  const limit = slo.maxSegments ?? defaultMaxSegments;
  // Sync's history already folds the segments past the limit of a cycle into `(other)`.
  const named = segments.filter((segment) => segment.key !== otherSegmentKey).length;
  if (named <= limit) {
    const merged = named < segments.length;
    return {
      overall,
      segments: segments.map(({ key, value }) => ({ key, value })),
      notes: merged
        ? [
            ...notes,
            `segments of ${slo.groupBy} past maxSegments (${limit}) are merged into ${otherSegmentKey}`,
          ]
        : notes,
    };
  }
  return {
    overall,
    segments: capSegments(slo, segments, limit, withHistogram),
    notes: [
      ...notes,
      `${named - limit} more segment(s) of ${slo.groupBy} merged into ${otherSegmentKey} (maxSegments: ${limit}, worst first)`,
    ],
  };
}

/** The worst `limit` segments by status, then samples, in segment order; the rest merged into `(other)`. */
function capSegments(
  slo: ResolvedSlo,
  segments: SegmentWindow[],
  limit: number,
  withHistogram: boolean,
): Array<{ key: string; value: SliValue }> {
  const severity = ({ value }: SegmentWindow) =>
    statusSeverity[classifyStatus(value.value, value.samples, slo.minSamples, slo.objective)];
  const ranked = segments
    .filter((segment) => segment.key !== otherSegmentKey)
    .sort(
      (a, b) => severity(b) - severity(a) || b.value.samples - a.value.samples || a.key.localeCompare(b.key),
    );
  const kept = new Set(ranked.slice(0, limit).map((segment) => segment.key));
  const other = new BucketAggregate(withHistogram);
  for (const segment of segments) {
    if (!kept.has(segment.key)) other.merge(segment.aggregate);
  }
  return [
    ...segments.filter((segment) => kept.has(segment.key)).map(({ key, value }) => ({ key, value })),
    { key: otherSegmentKey, value: windowValue(slo.sli as RecordSli, other) },
  ];
}
