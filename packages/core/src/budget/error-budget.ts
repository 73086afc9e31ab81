import type { ComparisonOp } from '../slo/slo-schema.js';

export interface ErrorBudget {
  /** Bad events the objective allows over the window. */
  allowed: number;
  /** Bad events that happened. */
  consumed: number;
  /** Fraction of the allowance left: 1 untouched, 0 spent, negative when overspent; null when nothing is allowed but something was consumed. */
  remaining: number | null;
}

/**
 * The error budget of a ratio SLO over its window. For gte/gt the ratio counts good events and the allowance is
 * (1 - target) x total bad events; for lte/lt the ratio counts bad events and the allowance is target x total.
 */
export function errorBudget(op: ComparisonOp, target: number, counted: number, total: number): ErrorBudget {
  const higherIsBetter = op === 'gte' || op === 'gt';
  const allowed = (higherIsBetter ? 1 - target : target) * total;
  const consumed = higherIsBetter ? total - counted : counted;
  let remaining: number | null;
  if (allowed > 0) remaining = (allowed - consumed) / allowed;
  else remaining = consumed === 0 ? 1 : null;
  return { allowed: round(allowed), consumed, remaining: remaining === null ? null : round(remaining) };
}

/** Budgets are shown as event counts and fractions; trim float noise like 5.000000000000004. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9 || 0;
}
