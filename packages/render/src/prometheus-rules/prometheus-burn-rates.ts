import { type BurnRateRule, defaultBurnRateRules, parseDuration, type ResolvedSlo } from '@slokit/core';

/** The SRE workbook's four alerts; slokit's own defaults leave out the 1d ticket, which Prometheus can afford. */
const workbook: Array<{ level: BurnRateRule['level']; long: string; short: string; budgetShare: number }> = [
  { level: 'page', long: '1h', short: '5m', budgetShare: 0.02 },
  { level: 'page', long: '6h', short: '30m', budgetShare: 0.05 },
  { level: 'ticket', long: '1d', short: '2h', budgetShare: 0.1 },
  { level: 'ticket', long: '3d', short: '6h', budgetShare: 0.1 },
];

/**
 * The burn-rate alerts of an SLO in Prometheus: its own `alerting.burnRates` when the config sets them; otherwise
 * the workbook's four (14.4x, 6x, 3x, 1x for 30 days), scaled to the period and filtered exactly as core's
 * `defaultBurnRateRules` does (factor = budget share x period / long window; no rule as long as the period; no page
 * below 1x).
 */
export function prometheusBurnRates(slo: ResolvedSlo): BurnRateRule[] {
  const periodMs = slo.windowMs;
  if (periodMs === undefined || slo.burnRates.length === 0) return [];
  if (!keepsDefaults(slo.burnRates, periodMs)) return slo.burnRates;
  return workbook
    .filter((rule) => parseDuration(rule.long)! < periodMs)
    .map((rule) => ({
      ...rule,
      factor: roundFactor((rule.budgetShare * periodMs) / parseDuration(rule.long)!),
    }))
    .filter((rule) => rule.level !== 'page' || rule.factor >= 1);
}

function keepsDefaults(rules: BurnRateRule[], periodMs: number): boolean {
  const defaults = defaultBurnRateRules(periodMs);
  return (
    rules.length === defaults.length &&
    rules.every((rule, index) => {
      const expected = defaults[index]!;
      return (
        rule.level === expected.level &&
        rule.long === expected.long &&
        rule.short === expected.short &&
        rule.factor === expected.factor
      );
    })
  );
}

function roundFactor(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
