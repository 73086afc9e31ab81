import { parseDuration } from './duration.js';

export type BurnLevel = 'page' | 'ticket';

/** One multi-window burn-rate alert: fire when the burn rate exceeds `factor` over both windows. */
export interface BurnRateRule {
  level: BurnLevel;
  /** The long window, e.g. 1h. */
  long: string;
  /** The short window that makes the alert reset quickly once the burn stops, e.g. 5m (long / 12). */
  short: string;
  factor: number;
  /** Share of the period's budget this rule lets burn before it fires (2 % for the fast page). */
  budgetShare?: number;
}

const workbook: Array<{ level: BurnLevel; long: string; short: string; budgetShare: number }> = [
  { level: 'page', long: '1h', short: '5m', budgetShare: 0.02 },
  { level: 'page', long: '6h', short: '30m', budgetShare: 0.05 },
  { level: 'ticket', long: '3d', short: '6h', budgetShare: 0.1 },
];

/**
 * The Google SRE workbook's multi-window, multi-burn-rate alerts for an SLO period: page at 2 % of the budget in 1h,
 * 5 % in 6h, ticket at 10 % in 3d; factor = budget share x period / long window (14.4, 6 and 1 for 30 days;
 * 13.44, 5.6 and 0.933 for 28 days). Rules whose long window is not shorter than the period are left out, and so
 * are pages below a burn rate of 1: such a burn never exhausts the budget within the period, so paging on it is noise.
 */
export function defaultBurnRateRules(periodMs: number): BurnRateRule[] {
  return workbook
    .filter((rule) => parseDuration(rule.long)! < periodMs)
    .map((rule) => ({
      ...rule,
      factor: roundFactor((rule.budgetShare * periodMs) / parseDuration(rule.long)!),
    }))
    .filter((rule) => rule.level !== 'page' || rule.factor >= 1);
}

function roundFactor(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
