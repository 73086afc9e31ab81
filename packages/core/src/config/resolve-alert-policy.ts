import { type AlertPolicy, defaultAlertPolicy } from '../slo/alert-policy-settings.js';
import type { AlertingConfig } from '../slo/alerting-schema.js';
import { type BurnRateRule, defaultBurnRateRules } from '../slo/burn-rate-rules.js';
import { parseDuration } from '../slo/duration.js';

const day = 86_400_000;

/** The policy of one SLO: defaults, then the config's `alerting`, then the SLO's own. */
export function resolveAlertPolicy(...layers: Array<AlertingConfig | undefined>): AlertPolicy {
  const policy: AlertPolicy = { ...defaultAlertPolicy };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.for !== undefined) {
      policy.for = typeof layer.for === 'number' ? layer.for : 1;
      policy.forDuration = typeof layer.for === 'number' ? 0 : parseDuration(layer.for)!;
    }
    if (layer.resolveAfter !== undefined) {
      policy.resolveAfter = typeof layer.resolveAfter === 'number' ? layer.resolveAfter : 1;
      policy.resolveAfterDuration =
        typeof layer.resolveAfter === 'number' ? 0 : parseDuration(layer.resolveAfter)!;
    }
    if (layer.pageAfter !== undefined)
      policy.pageAfter = layer.pageAfter === 'never' ? null : parseDuration(layer.pageAfter)!;
    if (layer.repeatInterval !== undefined) policy.repeatInterval = parseDuration(layer.repeatInterval)!;
    if (layer.noData !== undefined) policy.noData = layer.noData;
  }
  return policy;
}

/** Burn-rate alerts apply to SLOs with a window (their budget period) of a day or more. */
export function resolveBurnRates(
  windowMs: number | undefined,
  configured: AlertingConfig['burnRates'],
): BurnRateRule[] {
  if (windowMs === undefined || windowMs < day || configured === false) return [];
  return configured ?? defaultBurnRateRules(windowMs);
}
