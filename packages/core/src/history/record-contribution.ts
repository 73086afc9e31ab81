import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import { compileHasField, compilePredicate } from '../sli/compile-predicate.js';
import { toSample } from '../sli/to-sample.js';
import type { ResolvedSli } from '../slo/resolved-slo.js';
import type { BucketAggregate } from './bucket-aggregate.js';

/** How a record touched an SLO's aggregate: counted, present but not a number, or not at all. */
export type Contribution = 'counted' | 'ignored' | 'none';

/**
 * Compiles how one record contributes to an SLO's aggregate: a metric sample, or a good or bad event of a ratio.
 * A record without the field (or outside the ratio's total) does not count; a metric value that is not a number is
 * counted as ignored.
 */
export function compileContribution(
  sli: Exclude<ResolvedSli, { kind: 'evalMetric' }>,
): (record: EvalRecord, bucket: BucketAggregate) => Contribution {
  if (sli.kind === 'ratio') {
    const isGood = compilePredicate(sli.good);
    const isCounted = sli.total ? compilePredicate(sli.total) : compileHasField(sli.good.field);
    return (record, bucket) => {
      if (!isCounted(record)) return 'none';
      bucket.addEvent(isGood(record));
      return 'counted';
    };
  }
  const read = compileFieldPath(sli.metric);
  return (record, bucket) => {
    const sample = toSample(read(record));
    if (sample === undefined) return 'none';
    if (sample === null) {
      bucket.ignored++;
      return 'ignored';
    }
    bucket.addSample(sample);
    return 'counted';
  };
}

/** Whether an SLI's buckets need a histogram: percentiles and the median. */
export function needsHistogram(sli: ResolvedSli): boolean {
  return sli.kind === 'metric' && sli.quantile !== undefined;
}
