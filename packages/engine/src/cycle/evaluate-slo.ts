import {
  type AlertContext,
  type AlertDecisions,
  buildSloReport,
  burnRates,
  decideAlerts,
  type EvalSummary,
  evalMetricOutcome,
  foldDeltas,
  HistoryView,
  needsHistogram,
  parseDuration,
  periodBudget,
  type SliBucket,
  type SloOutcome,
  type StateStore,
  type SyncSloResult,
  sliDefinition,
  windowOutcome,
  windowRange,
} from '@slokit/core/internal';
import type { SloDelta } from './pull-source.js';

export interface SloEvaluation {
  result: SyncSloResult;
  decisions: AlertDecisions;
  /** History rows the new records changed: 5-minute buckets and their rollups. */
  buckets: SliBucket[];
}

/**
 * Evaluates one SLO at the end of a cycle: merges its new records into history, answers its window, budget and
 * burn rates from history, and runs the alert policy.
 */
export async function evaluateSlo(
  delta: SloDelta,
  store: StateStore,
  pulled: { summary: EvalSummary | undefined; failure: string | null },
  alerts: AlertContext,
): Promise<SloEvaluation> {
  const { slo } = delta;
  const now = alerts.now;
  const notes = pulled.failure === null ? [] : [`no new data this cycle: ${pulled.failure}`];
  let history: HistoryView | undefined;
  let outcome: SloOutcome;
  let buckets: SliBucket[] = [];
  if (delta.fold === undefined) {
    const summary =
      pulled.failure === null ? evalMetricOutcome(slo, pulled.summary, new Date(now)) : undefined;
    outcome = {
      overall: {
        value: summary?.value ?? null,
        samples: summary?.samples ?? 0,
        interval: null,
        good: null,
        exact: null,
        ignored: 0,
      },
      segments: null,
      notes: [...notes, ...(summary?.notes ?? [])],
    };
  } else {
    history = await loadHistory(delta, store, now);
    buckets = foldDeltas(slo, sliDefinition(slo), delta.fold.series, history, needsHistogram(slo.sli));
    outcome = windowOutcome(slo, history, windowRange(now, slo.windowMs), needsHistogram(slo.sli), notes);
  }
  const report = buildSloReport(slo, outcome, now);
  const budget = history ? periodBudget(slo, history, now) : null;
  const burns = history ? burnRates(slo, history, now) : [];
  const decisions = decideAlerts(
    { report, budget, burnRates: burns, worstExamples: delta.worst.list(), policy: slo.alerting },
    alerts,
  );
  return {
    result: { ...report, budget, burnRates: burns, alertLevel: decisions.alertLevel },
    decisions,
    buckets,
  };
}

/** History for every range the SLO reads: its window, the last hour, its burn-rate windows, and the new buckets. */
async function loadHistory(delta: SloDelta, store: StateStore, now: number): Promise<HistoryView> {
  const { slo } = delta;
  const range = windowRange(now, slo.windowMs);
  const froms = [
    range.from,
    range.to - 3_600_000,
    ...slo.burnRates.flatMap((rule) => [
      range.to - parseDuration(rule.long)!,
      range.to - parseDuration(rule.short)!,
    ]),
  ];
  const series = delta.fold!.series;
  const starts = ['', ...series.segments()].flatMap((segment) =>
    series.buckets(segment, 0, Number.POSITIVE_INFINITY).map(([start]) => start),
  );
  const extra = starts.length === 0 ? undefined : { from: Math.min(...starts) };
  return HistoryView.load(store, { slo: slo.name, definition: sliDefinition(slo), at: now, froms }, extra);
}
