import type { ResolvedSlo } from '@slokit/core';
import { prometheusDuration } from './prometheus-duration.js';
import type { PrometheusRecordingRule } from './prometheus-rule-file.js';
import { promqlString } from './promql-string.js';
import { wellFormed } from './well-formed.js';

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

/** Longer windows than this (the period) sum recorded 5-minute rates instead of reading every raw sample. */
const longestRawWindowMs = 3 * 86_400_000;

/**
 * How one SLO's error ratio reads from `/metrics`: for a ratio, bad events over all events; for a value SLI, the
 * share of evaluations (slices) whose value missed the objective. `share` is the ratio the objective allows.
 */
export interface SliErrorRatio {
  kind: 'occurrences' | 'timeslices';
  /** Rules the window rules read, recorded first in the group. */
  baseRules: PrometheusRecordingRule[];
  /** The recording rule's name for a window, e.g. `slokit:slo_error:ratio_rate5m`. */
  recordName(window: string): string;
  /** The PromQL of the error ratio over a window. */
  expression(windowMs: number): string;
  share: number;
}

export function sliErrorRatio(slo: ResolvedSlo): SliErrorRatio {
  return slo.sli.kind === 'ratio' ? eventErrorRatio(slo) : sliceErrorRatio(slo);
}

function eventErrorRatio(slo: ResolvedSlo): SliErrorRatio {
  const selector = `{slo=${promqlString(slo.name)}}`;
  const higherIsBetter = slo.objective.op === 'gte' || slo.objective.op === 'gt';
  // The counters count records matching the ratio's `good` predicate, as slokit's ratios do: for `op: lte` that
  // predicate names what must stay rare (errors), so the matching events are the bad ones.
  const events = (window: string) => `sum(rate(slokit_slo_events_total${selector}[${window}]))`;
  const matching = (window: string) => `sum(rate(slokit_slo_good_events_total${selector}[${window}]))`;
  const bad = (window: string) =>
    higherIsBetter ? `(${events(window)} - ${matching(window)})` : matching(window);
  const labels = { slo: wellFormed(slo.name), window: '5m' };
  return {
    kind: 'occurrences',
    baseRules: [
      { record: 'slokit:slo_events:rate5m', expr: events('5m'), labels },
      { record: 'slokit:slo_bad_events:rate5m', expr: bad('5m'), labels },
    ],
    recordName: (window) => `slokit:slo_error:ratio_rate${window}`,
    expression: (windowMs) => {
      const window = prometheusDuration(windowMs);
      if (windowMs <= longestRawWindowMs) return `${bad(window)} / ${events(window)}`;
      return `sum_over_time(slokit:slo_bad_events:rate5m${selector}[${window}]) / sum_over_time(slokit:slo_events:rate5m${selector}[${window}])`;
    },
    share: roundShare(higherIsBetter ? 1 - slo.objective.target : slo.objective.target),
  };
}

const missedComparison = { gte: '<', gt: '<=', lte: '>', lt: '>=' } as const;

function sliceErrorRatio(slo: ResolvedSlo): SliErrorRatio {
  const name = promqlString(slo.name);
  const value = `max(slokit_slo_sli_value{slo=${name}, segment=""})`;
  return {
    kind: 'timeslices',
    baseRules: [
      {
        record: 'slokit:slo_bad_slice:bool',
        expr: `${value} ${missedComparison[slo.objective.op]} bool ${formatNumber(slo.objective.target)}`,
        labels: { slo: wellFormed(slo.name) },
      },
    ],
    recordName: (window) => `slokit:slo_bad_slices:ratio_avg${window}`,
    expression: (windowMs) =>
      `avg_over_time(slokit:slo_bad_slice:bool{slo=${name}}[${prometheusDuration(windowMs)}])`,
    share: roundShare(1 - slo.timeSliceTarget),
  };
}

/** The windows an SLO's recording rules cover, shortest first, in milliseconds. */
export function recordedWindows(extraWindowsMs: number[]): number[] {
  const unique = [...new Set([...alertWindowsMs, ...extraWindowsMs].map(Math.round))];
  return unique.sort((a, b) => a - b);
}

/** A number as PromQL reads it, without float noise such as 0.0050000000000000044. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function roundShare(value: number): number {
  return Number(value.toPrecision(12));
}
