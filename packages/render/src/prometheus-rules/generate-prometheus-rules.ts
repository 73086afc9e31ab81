import {
  ConfigError,
  type ConfigProblem,
  parseDuration,
  type ResolvedConfig,
  type ResolvedSlo,
} from '@slokit/core';
import { burnRateAlerts } from './burn-rate-alerts.js';
import { prometheusBurnRates } from './prometheus-burn-rates.js';
import { prometheusDuration } from './prometheus-duration.js';
import { prometheusLabelName } from './prometheus-label-name.js';
import type {
  PrometheusRecordingRule,
  PrometheusRuleGroup,
  PrometheusRulesExport,
} from './prometheus-rule-file.js';
import { recordedWindows, sliErrorRatio } from './sli-error-ratio.js';
import { wellFormed } from './well-formed.js';

/** Labels the rules set themselves; an SLO label may not take their place. */
const reservedLabels = new Set(['slo', 'segment', 'window', 'severity', 'alertname']);

/**
 * Prometheus recording and alerting rules for a config, over the metrics `slokit serve` exposes at `/metrics`: one
 * group per SLO with its error ratio over the alert windows and its period, and multi-window multi-burn-rate alerts.
 * Throws a ConfigError when an SLO's labels cannot become Prometheus labels.
 */
export function generatePrometheusRules(config: ResolvedConfig): PrometheusRulesExport {
  const problems = config.slos.flatMap(labelProblems);
  if (problems.length > 0) throw new ConfigError(config.file, problems);
  const notes: string[] = [];
  const groups = config.slos.map((slo) => sloGroup(slo, notes));
  return { file: { groups }, notes };
}

function sloGroup(slo: ResolvedSlo, notes: string[]): PrometheusRuleGroup {
  const errorRatio = sliErrorRatio(slo);
  const burnRates = prometheusBurnRates(slo);
  const extraWindows = burnRates.flatMap((rule) => [parseDuration(rule.long)!, parseDuration(rule.short)!]);
  const periodMs = slo.windowMs !== undefined && slo.windowMs >= 86_400_000 ? slo.windowMs : undefined;
  if (periodMs !== undefined) extraWindows.push(periodMs);
  const recording: PrometheusRecordingRule[] = recordedWindows(extraWindows).map((windowMs) => {
    const window = prometheusDuration(windowMs);
    return {
      record: errorRatio.recordName(window),
      expr: errorRatio.expression(windowMs),
      labels: { slo: wellFormed(slo.name), window },
    };
  });
  const why = noAlertReason(slo, errorRatio.share, burnRates.length, periodMs);
  if (why !== undefined) notes.push(`SLO '${slo.name}': recording rules only, no burn-rate alerts: ${why}`);
  const alerts =
    why !== undefined || periodMs === undefined ? [] : burnRateAlerts(slo, errorRatio, burnRates, periodMs);
  return {
    name: `slokit-slo-${wellFormed(slo.name)}`,
    rules: [...errorRatio.baseRules, ...recording, ...alerts],
  };
}

/** Why an SLO gets no alerts, as slokit itself would not alert on its burn rate; undefined when it gets them. */
function noAlertReason(
  slo: ResolvedSlo,
  share: number,
  ruleCount: number,
  periodMs: number | undefined,
): string | undefined {
  if (slo.sli.kind === 'evalMetric') return 'an evalMetric SLO has no error budget';
  if (periodMs === undefined) return 'it has no window of a day or more, so no error budget';
  if (ruleCount === 0) {
    return "no burn-rate rule applies (alerting.burnRates is false, or the period is too short for the workbook's)";
  }
  if (share <= 0) return 'its objective allows no errors, so any error exhausts the budget';
  return undefined;
}

function labelProblems(slo: ResolvedSlo, index: number): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const key of Object.keys(slo.labels)) {
    const name = prometheusLabelName(key);
    const path = `slos[${index}].labels.${key}`;
    if (reservedLabels.has(name) || name.startsWith('__')) {
      problems.push({ path, message: `'${name}' is a label the Prometheus rules set themselves; rename it` });
    } else if (seen.has(name)) {
      problems.push({
        path,
        message: `becomes the Prometheus label '${name}' as '${seen.get(name)}' does; rename one of them`,
      });
    }
    seen.set(name, key);
  }
  return problems;
}
