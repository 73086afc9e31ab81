import { BucketAggregate } from '../history/bucket-aggregate.js';
import { BucketSeries } from '../history/history-window.js';
import { type Contribution, compileContribution, needsHistogram } from '../history/record-contribution.js';
import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';

export const missingSegmentKey = '(none)';
/** Where the segments past an SLO's `maxSegments` go. */
export const otherSegmentKey = '(other)';
export const defaultMaxSegments = 50;
/** The whole SLO's series in a fold; segments use their groupBy value. */
export const overallSegment = '';

export type AggregateKind = 'exact' | 'stored';

/**
 * Folds records into one record-based SLO's bucketed aggregates, the whole SLO and each groupBy segment. `check` folds
 * a window into one exact bucket; `sync` folds new records into 5-minute buckets that history keeps. Both answer
 * windows with `windowValue` over the merged buckets.
 */
export class SloFold {
  readonly slo: ResolvedSlo;
  readonly series = new BucketSeries();
  private readonly contribute: ReturnType<typeof compileContribution>;
  private readonly readSegment: ((record: EvalRecord) => unknown) | undefined;
  private readonly create: () => BucketAggregate;
  /** History keeps at most `maxSegments` segments a cycle; later ones fold into `(other)` (check keeps all). */
  private readonly segmentLimit: number;
  private readonly segments = new Set<string>();

  constructor(slo: ResolvedSlo, kind: AggregateKind) {
    if (slo.sli.kind === 'evalMetric')
      throw new TypeError(`SLO '${slo.name}' reads an eval summary, not records`);
    this.slo = slo;
    this.contribute = compileContribution(slo.sli);
    this.readSegment = slo.groupBy === undefined ? undefined : compileFieldPath(slo.groupBy);
    const quantiles = needsHistogram(slo.sli);
    this.create =
      kind === 'exact' ? () => BucketAggregate.exact(quantiles) : () => new BucketAggregate(quantiles);
    this.segmentLimit = kind === 'exact' ? Number.POSITIVE_INFINITY : (slo.maxSegments ?? defaultMaxSegments);
  }

  /** Adds a record to the bucket at `start`; says whether it counted. */
  add(record: EvalRecord, start: number): Contribution {
    const contribution = this.contribute(record, this.series.getOrCreate(overallSegment, start, this.create));
    if (this.readSegment === undefined || contribution === 'none') return contribution;
    this.contribute(
      record,
      this.series.getOrCreate(segmentKey(this.readSegment(record)), start, this.create),
    );
    return contribution;
  }
}

/** The segment a groupBy value names: records without one share `(none)`. */
export function segmentKey(value: unknown): string {
  return value === undefined || value === null || value === '' ? missingSegmentKey : String(value);
}
