import { errorBudget } from '../budget/error-budget.js';
import type { SegmentReport, SloReport } from '../report/report.js';
import type { SliValue } from '../sli/sli-value.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import { classifyStatus } from '../slo/slo-status.js';

/** What an SLO's evaluation found: its value, its segments' values, and facts worth a note. */
export interface SloOutcome {
  overall: SliValue;
  /** By segment key; null without groupBy. */
  segments: Array<{ key: string; value: SliValue }> | null;
  notes: string[];
}

/** The one builder of an SLO's report entry, for `check`, `sync` and the history report. */
export function buildSloReport(slo: ResolvedSlo, outcome: SloOutcome, at: number): SloReport {
  const { overall } = outcome;
  return {
    name: slo.name,
    description: slo.description ?? null,
    source: slo.source,
    sli: describeSli(slo),
    status: classifyStatus(overall.value, overall.samples, slo.minSamples, slo.objective),
    value: overall.value,
    samples: overall.samples,
    op: slo.objective.op,
    opInferred: slo.opInferred ?? null,
    target: slo.objective.target,
    warning: slo.objective.warning ?? null,
    critical: slo.objective.critical ?? null,
    window: slo.window ?? null,
    windowStart: slo.windowMs === undefined ? null : new Date(at - slo.windowMs).toISOString(),
    interval: overall.interval,
    errorBudget: budgetOf(slo, overall),
    exact: overall.exact,
    groupBy: slo.groupBy ?? null,
    segments: outcome.segments?.map(({ key, value }) => segmentReport(slo, key, value)) ?? null,
    unit: slo.unit,
    runbook: slo.runbook ?? null,
    labels: slo.labels,
    notes: [...outcome.notes, ...valueNotes(slo, overall)],
  };
}

function describeSli(slo: ResolvedSlo): SloReport['sli'] {
  if (slo.sli.kind === 'metric')
    return { kind: 'metric', field: slo.sli.metric, aggregate: slo.sli.aggregate };
  if (slo.sli.kind === 'ratio') return { kind: 'ratio', field: slo.sli.good.field, aggregate: null };
  return { kind: 'evalMetric', field: slo.sli.name, aggregate: null };
}

function valueNotes(slo: ResolvedSlo, value: SliValue): string[] {
  const notes: string[] = [];
  if (value.ignored > 0) {
    notes.push(
      `${value.ignored} value(s) of ${describeSli(slo).field} were not numbers and were not counted`,
    );
  }
  if (value.exact === false) notes.push('percentile estimated with a DDSketch (1 % relative accuracy)');
  if (
    value.value === null &&
    value.samples > 0 &&
    slo.sli.kind === 'metric' &&
    slo.sli.quantile === undefined
  ) {
    notes.push(
      `the sum of ${slo.sli.metric} overflows (its values are too large to add up), so there is no value`,
    );
  }
  return notes;
}

function segmentReport(slo: ResolvedSlo, key: string, value: SliValue): SegmentReport {
  return {
    key,
    status: classifyStatus(value.value, value.samples, slo.minSamples, slo.objective),
    value: value.value,
    samples: value.samples,
    interval: value.interval,
    errorBudget: budgetOf(slo, value),
    exact: value.exact,
  };
}

/** The error budget of a ratio SLO's events; null for other SLIs. */
export function budgetOf(slo: ResolvedSlo, value: SliValue) {
  if (slo.sli.kind !== 'ratio' || value.good === null || value.samples === 0) return null;
  return errorBudget(slo.objective.op, slo.objective.target, value.good, value.samples);
}

/** SLOs at ok divided by SLOs with enough data to judge; null when none has. */
export function complianceOf(slos: Array<Pick<SloReport, 'status'>>): {
  compliance: number | null;
  complianceCounts: { met: number; counted: number };
} {
  const counted = slos.filter((slo) => slo.status !== 'no_data' && slo.status !== 'insufficient_data');
  const met = counted.filter((slo) => slo.status === 'ok').length;
  return {
    compliance: counted.length === 0 ? null : met / counted.length,
    complianceCounts: { met, counted: counted.length },
  };
}
