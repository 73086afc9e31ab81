import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import { compileHasField, compilePredicate } from '../sli/compile-predicate.js';
import type { ResolvedSli } from '../slo/resolved-slo.js';
import type { BucketAggregate } from './bucket-aggregate.js';

/**
 * Compiles how one record contributes to an SLO's bucket: a metric sample, or a good or bad event of a ratio.
 * Returns false when the record does not count (no such field, not in the ratio's total).
 */
export function compileContribution(
  sli: Exclude<ResolvedSli, { kind: 'evalMetric' }>,
): (record: EvalRecord, bucket: BucketAggregate) => boolean {
  if (sli.kind === 'ratio') {
    const isGood = compilePredicate(sli.good);
    const isCounted = sli.total ? compilePredicate(sli.total) : compileHasField(sli.good.field);
    return (record, bucket) => {
      if (!isCounted(record)) return false;
      bucket.addEvent(isGood(record));
      return true;
    };
  }
  const read = compileFieldPath(sli.metric);
  return (record, bucket) => {
    const value = read(record);
    const sample =
      typeof value === 'number'
        ? value
        : typeof value === 'boolean'
          ? value
            ? 1
            : 0
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
    if (!Number.isFinite(sample)) return false;
    bucket.addSample(sample);
    return true;
  };
}

/** Whether an SLI's buckets need a histogram: percentiles and the median. */
export function needsHistogram(sli: ResolvedSli): boolean {
  return sli.kind === 'metric' && sli.quantile !== undefined;
}
