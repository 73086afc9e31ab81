import type { BucketAggregate } from '../history/bucket-aggregate.js';
import { alignUp } from '../history/history-window.js';
import type { BurnRateRule } from '../slo/burn-rate-rules.js';
import { parseDuration } from '../slo/duration.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import { errorBudget } from './error-budget.js';

/** The error budget of an SLO over its window, which is its budget period. */
export interface PeriodBudget {
  /** occurrences: bad events of a ratio; timeslices: 5-minute slices where a value SLI missed its objective. */
  method: 'occurrences' | 'timeslices';
  allowed: number;
  consumed: number;
  /** Fraction of the allowance left; negative when overspent; null when nothing is allowed and something was consumed. */
  remaining: number | null;
  /** At the burn rate of the last hour, when the rest runs out; null when it does not burn or is already spent. */
  exhaustsAt: number | null;
}

export interface BurnRateResult {
  level: BurnLevel;
  long: string;
  short: string;
  factor: number;
  longRate: number | null;
  shortRate: number | null;
  /** Events (or slices) in the short window, for the low-traffic guard. */
  shortEvents: number;
  firing: boolean;
}

type BurnLevel = BurnRateRule['level'];

const hour = 3_600_000;

/** What budgets read history through: merged aggregates of a time range. */
export interface WindowHistory {
  merged(segment: string, from: number, to: number, withHistogram: boolean): BucketAggregate;
}

/** Bad and total events (ratios) or 5-minute slices (value SLIs) of the whole SLO over `[from, to)`. */
function badAndTotal(
  slo: ResolvedSlo,
  history: WindowHistory,
  from: number,
  to: number,
): { bad: number; total: number } {
  if (slo.sli.kind === 'evalMetric') return { bad: 0, total: 0 };
  const merged = history.merged('', from, to, false);
  if (slo.sli.kind === 'ratio') {
    const higherIsBetter = slo.objective.op === 'gte' || slo.objective.op === 'gt';
    return { bad: higherIsBetter ? merged.count - merged.good : merged.good, total: merged.count };
  }
  return { bad: merged.slices - merged.goodSlices, total: merged.slices };
}

/** The share of events (or slices) the objective allows to be bad. */
function allowedShare(slo: ResolvedSlo): number {
  if (slo.sli.kind === 'ratio') {
    const higherIsBetter = slo.objective.op === 'gte' || slo.objective.op === 'gt';
    return higherIsBetter ? 1 - slo.objective.target : slo.objective.target;
  }
  return 1 - slo.timeSliceTarget;
}

/** Budget over the SLO's window ending at `at`; null for SLOs without a window of a day or more. */
export function periodBudget(slo: ResolvedSlo, history: WindowHistory, at: number): PeriodBudget | null {
  if (slo.windowMs === undefined || slo.windowMs < 24 * hour || slo.sli.kind === 'evalMetric') return null;
  const end = alignUp(at);
  const { bad, total } = badAndTotal(slo, history, end - slo.windowMs, end);
  const method = slo.sli.kind === 'ratio' ? 'occurrences' : 'timeslices';
  const share = allowedShare(slo);
  const budget =
    slo.sli.kind === 'ratio'
      ? errorBudget(
          slo.objective.op,
          slo.objective.target,
          slo.objective.op.startsWith('g') ? total - bad : bad,
          total,
        )
      : errorBudget('gte', 1 - share, total - bad, total);
  const lastHour = badAndTotal(slo, history, end - hour, end);
  const rate = lastHour.total === 0 || share === 0 ? 0 : lastHour.bad / lastHour.total / share;
  let exhaustsAt: number | null = null;
  if (budget.remaining !== null && budget.remaining > 0 && rate > 0) {
    exhaustsAt = at + (budget.remaining * slo.windowMs) / rate;
  }
  return {
    method,
    allowed: budget.allowed,
    consumed: budget.consumed,
    remaining: budget.remaining,
    exhaustsAt,
  };
}

/** Each configured burn-rate alert: burn over its long and short windows, and whether both exceed the factor. */
export function burnRates(slo: ResolvedSlo, history: WindowHistory, at: number): BurnRateResult[] {
  if (slo.burnRates.length === 0 || slo.sli.kind === 'evalMetric') return [];
  const share = allowedShare(slo);
  const end = alignUp(at);
  return slo.burnRates.map((rule) => {
    const long = badAndTotal(slo, history, end - parseDuration(rule.long)!, end);
    const short = badAndTotal(slo, history, end - parseDuration(rule.short)!, end);
    const rate = (window: { bad: number; total: number }) =>
      window.total === 0 || share === 0 ? null : window.bad / window.total / share;
    const longRate = rate(long);
    const shortRate = rate(short);
    // Slices are few by nature (12 an hour): the low-traffic guard counts events for ratios, samples behind slices otherwise.
    const shortEvents =
      slo.sli.kind === 'ratio'
        ? short.total
        : history.merged('', end - parseDuration(rule.short)!, end, false).count;
    const firing =
      longRate !== null &&
      shortRate !== null &&
      longRate > rule.factor &&
      shortRate > rule.factor &&
      shortEvents >= slo.minEvents;
    return {
      level: rule.level,
      long: rule.long,
      short: rule.short,
      factor: rule.factor,
      longRate,
      shortRate,
      shortEvents,
      firing,
    };
  });
}
