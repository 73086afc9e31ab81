import type { AlertEventKind } from '../alerting/alert-policy.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { buildSloReport, type SloOutcome } from '../evaluation/build-slo-report.js';
import { windowOutcome } from '../evaluation/window-outcome.js';
import { HistoryView } from '../history/history-view.js';
import { windowRange } from '../history/history-window.js';
import { needsHistogram } from '../history/record-contribution.js';
import { sliDefinition } from '../history/sli-definition.js';
import type { AlertLevel } from '../slo/alert-policy-settings.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import type { SloStatus } from '../slo/slo-status.js';
import type { StateStore } from '../state/state-store.js';
import type { HistoryReport, HistorySloReport } from './history-report.js';

/** Reads a period of history from the state store into the report `slokit report` renders. */
export async function buildHistoryReport(
  config: ResolvedConfig,
  store: StateStore,
  options: { now: Date; days: number; generatedAt?: Date },
): Promise<HistoryReport> {
  const to = options.now.getTime();
  const from = to - options.days * 86_400_000;
  const slos: HistorySloReport[] = [];
  for (const slo of config.slos) slos.push(await historySloReport(slo, store, from, to, options.days));
  const counted = slos.filter((slo) => slo.status !== 'no_data' && slo.status !== 'insufficient_data');
  const met = counted.filter((slo) => slo.status === 'ok').length;
  return {
    schemaVersion: 1,
    generatedAt: (options.generatedAt ?? options.now).toISOString(),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days: options.days,
    slos,
    compliance: counted.length === 0 ? null : met / counted.length,
    complianceCounts: { met, counted: counted.length },
  };
}

async function historySloReport(
  slo: ResolvedSlo,
  store: StateStore,
  from: number,
  to: number,
  days: number,
): Promise<HistorySloReport> {
  const evaluations = (await store.getEvaluations({ slo: slo.name, from, to: to + 1 })).filter(
    (row) => row.segment === '',
  );
  const events = await store.getAlertEvents({ slo: slo.name, from, to: to + 1 });
  const outcome = await periodOutcome(slo, store, evaluations.at(-1), to, days);
  const report = buildSloReport(slo, outcome, to);
  return {
    name: report.name,
    description: report.description,
    unit: report.unit,
    op: report.op,
    target: report.target,
    warning: report.warning,
    critical: report.critical,
    window: report.window,
    value: report.value,
    samples: report.samples,
    status: report.status,
    budgetRemaining: evaluations.at(-1)?.budgetRemaining ?? null,
    series: evaluations.map((row) => ({
      at: new Date(row.at).toISOString(),
      value: row.value,
      status: row.status as SloStatus,
      level: row.level as AlertLevel,
      budgetRemaining: row.budgetRemaining,
    })),
    alerts: events.map((row) => ({
      at: new Date(row.at).toISOString(),
      kind: row.kind as AlertEventKind,
      level: row.level as AlertLevel,
      segment: row.segment,
      silenced: row.silenced,
    })),
  };
}

/**
 * The SLO over the whole period: record SLIs from the stored buckets through the one window path; an eval-metric
 * SLI (one score per eval run, nothing to merge) as its latest evaluation.
 */
async function periodOutcome(
  slo: ResolvedSlo,
  store: StateStore,
  latest: { value: number | null; samples: number } | undefined,
  to: number,
  days: number,
): Promise<SloOutcome> {
  if (slo.sli.kind === 'evalMetric') {
    const overall = {
      value: latest?.value ?? null,
      samples: latest?.samples ?? 0,
      interval: null,
      good: null,
      exact: null,
      ignored: 0,
    };
    return { overall, segments: null, notes: [] };
  }
  const range = windowRange(to, days * 86_400_000);
  const view = await HistoryView.load(store, {
    slo: slo.name,
    definition: sliDefinition(slo),
    at: to,
    froms: [range.from],
  });
  return windowOutcome({ ...slo, groupBy: undefined }, view, range, needsHistogram(slo.sli));
}
