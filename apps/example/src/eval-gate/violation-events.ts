import { createHash } from 'node:crypto';
import {
  type AlertEvent,
  compileFieldPath,
  compilePredicate,
  type EvalRecord,
  type Report,
  type ResolvedConfig,
  type WorstExample,
} from 'slokit';

/**
 * The SLOs of an eval report at warning or critical, as alert events a channel of @slokit/notify sends: fired at
 * their level, with the value against the objective, and the eval rows that hurt most as worst examples.
 */
export function violationEvents(
  config: ResolvedConfig,
  report: Report,
  rows: readonly EvalRecord[],
  labels: Record<string, string> = {},
): AlertEvent[] {
  const events: AlertEvent[] = [];
  for (const slo of report.slos) {
    if (slo.status !== 'warning' && slo.status !== 'critical') continue;
    const resolved = config.slos.find((candidate) => candidate.name === slo.name);
    events.push({
      id: createHash('sha256').update(`${report.checkId}|${slo.name}`).digest('hex').slice(0, 16),
      kind: 'fired',
      level: slo.status,
      previousLevel: 'none',
      peakLevel: slo.status,
      at: report.at,
      slo: slo.name,
      segment: '',
      groupBy: slo.groupBy,
      description: slo.description,
      status: slo.status,
      value: slo.value,
      unit: slo.unit,
      op: slo.op,
      target: slo.target,
      warning: slo.warning,
      critical: slo.critical,
      window: slo.window,
      samples: slo.samples,
      interval: slo.interval,
      budget: null,
      burnRates: [],
      previousValue: null,
      worstExamples: resolved ? worstRows(resolved.sli, slo.op, rows) : [],
      runbook: slo.runbook,
      labels: { ...slo.labels, ...labels },
      silencedBy: null,
    });
  }
  return events;
}

/** Up to three rows that pulled the SLI the wrong way: the failing rows of a ratio, the extremes of a metric. */
function worstRows(
  sli: ResolvedConfig['slos'][number]['sli'],
  op: Report['slos'][number]['op'],
  rows: readonly EvalRecord[],
): WorstExample[] {
  const example = (row: EvalRecord, value: unknown): WorstExample => ({
    id: row.id ?? null,
    url: row.url ?? null,
    timestamp: row.timestamp ?? null,
    value,
  });
  if (sli.kind === 'ratio') {
    const isGood = compilePredicate(sli.good);
    const read = compileFieldPath(sli.good.field);
    return rows
      .filter((row) => !isGood(row))
      .slice(0, 3)
      .map((row) => example(row, read(row) ?? null));
  }
  if (sli.kind !== 'metric') return [];
  const read = compileFieldPath(sli.metric);
  const lowerIsBetter = op === 'lte' || op === 'lt';
  return rows
    .map((row) => ({ row, value: read(row) }))
    .filter((entry): entry is { row: EvalRecord; value: number } => typeof entry.value === 'number')
    .sort((a, b) => (lowerIsBetter ? b.value - a.value : a.value - b.value))
    .slice(0, 3)
    .map((entry) => example(entry.row, entry.value));
}
