import type { ResolvedSlo } from '../slo/resolved-slo.js';
import type { EvalSummary } from '../source/eval-source.js';

/**
 * The value of an `evalMetric` SLO: the named metric of the source's latest eval summary, with the eval's row count
 * as samples (1 when unknown). A summary older than the SLO's window counts as no data.
 */
export function evalMetricOutcome(
  slo: ResolvedSlo,
  summary: EvalSummary | undefined,
  at: Date,
): { value: number | null; samples: number; notes: string[] } {
  if (slo.sli.kind !== 'evalMetric') throw new TypeError(`SLO '${slo.name}' does not read an eval metric`);
  const name = slo.sli.name;
  if (summary === undefined) {
    return { value: null, samples: 0, notes: [`source '${slo.source}' provided no eval summary`] };
  }
  const notes: string[] = [];
  if (summary.name)
    notes.push(`from eval '${summary.name}'${summary.timestamp ? ` at ${summary.timestamp}` : ''}`);
  if (slo.windowMs !== undefined && summary.timestamp !== undefined) {
    const time = Date.parse(summary.timestamp);
    if (!Number.isNaN(time) && (time <= at.getTime() - slo.windowMs || time > at.getTime())) {
      notes.push(`the latest eval summary (${summary.timestamp}) lies outside the ${slo.window} window`);
      return { value: null, samples: 0, notes };
    }
  }
  if (!(name in summary.metrics)) {
    const known = Object.keys(summary.metrics);
    notes.push(
      `the eval summary has no metric '${name}' (it has: ${known.length > 0 ? known.join(', ') : 'none'})`,
    );
    return { value: null, samples: 0, notes };
  }
  const value = summary.metrics[name] ?? null;
  if (value === null) {
    notes.push(`the eval recorded no value (NaN) for '${name}'`);
    return { value: null, samples: 0, notes };
  }
  if (summary.samples === undefined)
    notes.push('the eval summary does not say how many rows it scored; counted as 1');
  return { value, samples: summary.samples ?? 1, notes };
}
