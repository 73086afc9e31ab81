import type { ResolvedConfig } from '../config/resolved-config.js';
import { type AlertLevel, alertLevels } from '../slo/alert-policy-settings.js';
import { satisfies } from '../slo/slo-status.js';
import type { StateStore } from '../state/state-store.js';
import { exactQuantile } from '../stats/quantile.js';

export interface SloReview {
  name: string;
  evaluations: number;
  /** The SLI over the period's evaluations: min, p10, median, p90, max; null without values. */
  distribution: { min: number; p10: number; p50: number; p90: number; max: number } | null;
  /** Share of evaluations that met the target. */
  metTarget: number | null;
  /** Per level: events that raised the alert to it, and the time spent at it (ms). */
  levels: Record<Exclude<AlertLevel, 'none'>, { fired: number; timeMs: number }>;
  /** Budget left at the first and the last evaluation of the period. */
  budget: { first: number; last: number } | null;
  verdict: 'never-fires' | 'fires-constantly' | 'ok' | 'no-data';
  /** A warning threshold that would have fired on the worst `worstShare` of evaluations. */
  suggestedWarning: number | null;
  notes: string[];
}

export interface ReviewReport {
  from: string;
  to: string;
  worstShare: number;
  slos: SloReview[];
}

/** `slokit review`: how each SLO behaved over a period and thresholds worth considering. Reads only. */
export async function buildReview(
  config: ResolvedConfig,
  store: StateStore,
  options: { now: Date; days: number; worstShare?: number },
): Promise<ReviewReport> {
  const to = options.now.getTime();
  const from = to - options.days * 86_400_000;
  const worstShare = options.worstShare ?? 0.05;
  const slos: SloReview[] = [];
  for (const slo of config.slos) {
    const rows = (await store.getEvaluations({ slo: slo.name, from, to: to + 1 })).filter(
      (row) => row.segment === '',
    );
    const events = await store.getAlertEvents({ slo: slo.name, from, to: to + 1 });
    const values = rows.map((row) => row.value).filter((value): value is number => value !== null);
    const sorted = Float64Array.from(values).sort();
    const spacing = rows.length > 1 ? (rows.at(-1)!.at - rows[0]!.at) / (rows.length - 1) : 0;
    const levels = Object.fromEntries(
      alertLevels.filter((level) => level !== 'none').map((level) => [level, { fired: 0, timeMs: 0 }]),
    ) as SloReview['levels'];
    for (const event of events) {
      if (
        (event.kind === 'fired' || event.kind === 'escalated') &&
        event.segment === '' &&
        event.level !== 'none'
      ) {
        levels[event.level as Exclude<AlertLevel, 'none'>].fired++;
      }
    }
    for (const row of rows)
      if (row.level !== 'none' && row.level in levels)
        levels[row.level as Exclude<AlertLevel, 'none'>].timeMs += spacing;
    const budgets = rows.map((row) => row.budgetRemaining).filter((value): value is number => value !== null);
    const alerting = rows.filter((row) => row.level !== 'none').length;
    const notes: string[] = [];
    let verdict: SloReview['verdict'] = 'ok';
    let suggestedWarning: number | null = null;
    let metTarget: number | null = null;
    if (sorted.length === 0) {
      verdict = 'no-data';
      notes.push('no evaluations with data in the period');
    } else {
      const higherIsBetter = slo.objective.op === 'gte' || slo.objective.op === 'gt';
      metTarget =
        values.filter((value) => satisfies(value, slo.objective.op, slo.objective.target)).length /
        values.length;
      const worst = exactQuantile(sorted, higherIsBetter ? worstShare : 1 - worstShare);
      const firedAny = Object.values(levels).some((level) => level.fired > 0);
      if (!firedAny && metTarget === 1) {
        verdict = 'never-fires';
        notes.push(
          `met its target in every evaluation; the worst ${Math.round(worstShare * 100)} % were at ${round(worst)} against ${slo.objective.target}: the target may be too loose`,
        );
      } else if (alerting > rows.length / 2) {
        verdict = 'fires-constantly';
        notes.push(
          `alerting in ${Math.round((alerting / rows.length) * 100)} % of evaluations; the median was ${round(exactQuantile(sorted, 0.5))} against ${slo.objective.target}: the objective may be too strict, or the service needs work`,
        );
      }
      // A warning level on the worst share of evaluations, kept on the bad side of the target.
      const candidate = round(worst);
      if (
        satisfies(candidate, slo.objective.op, slo.objective.target) === false ||
        candidate === slo.objective.target
      ) {
        suggestedWarning = candidate;
      } else {
        suggestedWarning = null;
      }
      if (
        suggestedWarning !== null &&
        slo.objective.critical !== undefined &&
        !satisfies(suggestedWarning, slo.objective.op, slo.objective.critical)
      ) {
        suggestedWarning = null;
      }
      if (suggestedWarning === slo.objective.warning) suggestedWarning = null;
    }
    slos.push({
      name: slo.name,
      evaluations: rows.length,
      distribution:
        sorted.length === 0
          ? null
          : {
              min: sorted[0]!,
              p10: exactQuantile(sorted, 0.1),
              p50: exactQuantile(sorted, 0.5),
              p90: exactQuantile(sorted, 0.9),
              max: sorted[sorted.length - 1]!,
            },
      metTarget,
      levels,
      budget: budgets.length === 0 ? null : { first: budgets[0]!, last: budgets.at(-1)! },
      verdict,
      suggestedWarning,
      notes,
    });
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), worstShare, slos };
}

/** Two significant digits: thresholds people can read. */
function round(value: number): number {
  if (value === 0) return 0;
  const digits = Math.max(0, 1 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits + 1, 6)));
}
