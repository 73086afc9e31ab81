import type { AlertEventKind } from '../alerting/alert-policy.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { HistoryView } from '../history/history-view.js';
import { windowRange } from '../history/history-window.js';
import { needsHistogram } from '../history/record-contribution.js';
import { sliDefinition } from '../history/sli-definition.js';
import { windowValue } from '../history/window-value.js';
import type { AlertLevel } from '../slo/alert-policy-settings.js';
import { classifyStatus, type SloStatus } from '../slo/slo-status.js';
import type { StateStore } from '../state/state-store.js';
import type { HistoryReport, HistorySloReport } from './history-report.js';

/** Reads a period of history from the state store into the report `slokit report` renders. */
export async function buildHistoryReport(
  config: ResolvedConfig,
  store: StateStore,
  options: { now: Date; days: number },
): Promise<HistoryReport> {
  const to = options.now.getTime();
  const from = to - options.days * 86_400_000;
  const slos: HistorySloReport[] = [];
  for (const slo of config.slos) {
    const evaluations = (await store.getEvaluations({ slo: slo.name, from, to: to + 1 })).filter(
      (row) => row.segment === '',
    );
    const events = await store.getAlertEvents({ slo: slo.name, from, to: to + 1 });
    let value: number | null = null;
    let samples = 0;
    if (slo.sli.kind === 'evalMetric') {
      const last = evaluations.at(-1);
      value = last?.value ?? null;
      samples = last?.samples ?? 0;
    } else {
      const range = windowRange(to, options.days * 86_400_000);
      const view = await HistoryView.load(store, {
        slo: slo.name,
        definition: sliDefinition(slo),
        at: to,
        froms: [range.from],
      });
      const merged = view.merged('', range.from, range.to, needsHistogram(slo.sli));
      const result = windowValue(slo.sli, merged);
      value = result.value;
      samples = result.samples;
    }
    slos.push({
      name: slo.name,
      description: slo.description ?? null,
      unit: slo.unit,
      op: slo.objective.op,
      target: slo.objective.target,
      warning: slo.objective.warning ?? null,
      critical: slo.objective.critical ?? null,
      window: slo.window ?? null,
      value,
      samples,
      status: classifyStatus(value, samples, slo.minSamples, slo.objective),
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
    });
  }
  const counted = slos.filter((slo) => slo.status !== 'no_data' && slo.status !== 'insufficient_data');
  const met = counted.filter((slo) => slo.status === 'ok').length;
  return {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days: options.days,
    slos,
    compliance: counted.length === 0 ? null : met / counted.length,
    complianceCounts: { met, counted: counted.length },
  };
}
