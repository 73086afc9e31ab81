import type { ResolvedSlo } from '@slokit/core';
import { prometheusDuration } from './prometheus-duration.js';
import { promqlString } from './promql-string.js';

/** Windows every SLO gets a recording rule for: the SRE workbook's alert windows. */
export const alertWindowsMs = [
  5 * 60_000,
  30 * 60_000,
  3_600_000,
  2 * 3_600_000,
  6 * 3_600_000,
  86_400_000,
  3 * 86_400_000,
];

/** slokit's value SLIs are judged in 5-minute slices; the subqueries step at the same size. */
const sliceStep = '5m';

/**
 * How one SLO's error ratio reads from `/metrics`: for a ratio, bad events over all events; for a value SLI, the
 * share of 5-minute slices whose value missed the objective. `share` is the ratio the objective allows.
 */
export interface SliErrorRatio {
  kind: 'occurrences' | 'timeslices';
  /** The recording rule's name for a window, e.g. `slokit:slo_error:ratio_rate5m`. */
  recordName(window: string): string;
  /** The PromQL of the error ratio over a window. */
  expression(window: string): string;
  share: number;
}

export function sliErrorRatio(slo: ResolvedSlo): SliErrorRatio {
  const sloLabel = promqlString(slo.name);
  const { op, target } = slo.objective;
  const higherIsBetter = op === 'gte' || op === 'gt';
  if (slo.sli.kind === 'ratio') {
    // The counters count records matching the ratio's `good` predicate, as slokit's ratios do: for `op: lte` that
    // predicate names what must stay rare (errors), so the matching share itself is the error ratio.
    const matching = (window: string) =>
      `sum(rate(slokit_slo_good_events_total{slo=${sloLabel}}[${window}])) / sum(rate(slokit_slo_events_total{slo=${sloLabel}}[${window}]))`;
    return {
      kind: 'occurrences',
      recordName: (window) => `slokit:slo_error:ratio_rate${window}`,
      expression: (window) => (higherIsBetter ? `1 - (${matching(window)})` : matching(window)),
      share: roundShare(higherIsBetter ? 1 - target : target),
    };
  }
  const missed = { gte: '<', gt: '<=', lte: '>', lt: '>=' }[op];
  const value = `max(slokit_slo_sli_value{slo=${sloLabel}, segment=""})`;
  return {
    kind: 'timeslices',
    recordName: (window) => `slokit:slo_bad_slices:ratio_avg${window}`,
    expression: (window) =>
      `avg_over_time((${value} ${missed} bool ${formatNumber(target)})[${window}:${sliceStep}])`,
    share: roundShare(1 - slo.timeSliceTarget),
  };
}

/** The windows an SLO's recording rules cover, shortest first, as Prometheus durations. */
export function recordedWindows(extraWindowsMs: number[]): string[] {
  const unique = [...new Set([...alertWindowsMs, ...extraWindowsMs].map(Math.round))];
  return unique.sort((a, b) => a - b).map(prometheusDuration);
}

/** A number as PromQL reads it, without float noise such as 0.0050000000000000044. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function roundShare(value: number): number {
  return Number(value.toPrecision(12));
}
