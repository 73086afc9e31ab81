import { type BurnRateRule, parseDuration, type ResolvedSlo } from '@slokit/core';
import { escapeAlertTemplate } from './escape-alert-template.js';
import { prometheusDuration } from './prometheus-duration.js';
import { prometheusLabelName } from './prometheus-label-name.js';
import type { PrometheusAlertingRule } from './prometheus-rule-file.js';
import { promqlString } from './promql-string.js';
import { formatNumber, type SliErrorRatio } from './sli-error-ratio.js';

const burnRateAlertName = 'SlokitErrorBudgetBurn';

/**
 * One alert per severity (page, ticket): it fires while any of its burn-rate rules sees the error ratio above
 * factor x the allowed share over both the long and the short window. Its value is the long window's burn rate;
 * the annotations leave it out so that they stay the same while the alert fires.
 */
export function burnRateAlerts(
  slo: ResolvedSlo,
  errorRatio: SliErrorRatio,
  rules: BurnRateRule[],
  periodMs: number,
): PrometheusAlertingRule[] {
  const alerts: PrometheusAlertingRule[] = [];
  for (const level of ['page', 'ticket'] as const) {
    const levelRules = rules.filter((rule) => rule.level === level);
    if (levelRules.length === 0) continue;
    const conditions = levelRules.map((rule) => `(\n${burnCondition(slo, errorRatio, rule)}\n)`);
    alerts.push({
      alert: burnRateAlertName,
      expr: conditions.join('\nor\n'),
      labels: { ...alertLabels(slo), severity: level },
      annotations: annotations(slo, errorRatio, levelRules, periodMs),
    });
  }
  return alerts;
}

function burnCondition(slo: ResolvedSlo, errorRatio: SliErrorRatio, rule: BurnRateRule): string {
  const sloLabel = promqlString(slo.name);
  const share = formatNumber(errorRatio.share);
  const factor = formatNumber(rule.factor);
  const burn = (window: string) =>
    `  (max without (window) (${errorRatio.recordName(promWindow(window))}{slo=${sloLabel}}) / ${share} > ${factor})`;
  const lines = [burn(rule.long), '  and', burn(rule.short)];
  // slokit's low-traffic guard: a burn over too few events is noise. Value SLIs expose no sample counts.
  if (errorRatio.kind === 'occurrences' && slo.minEvents > 0) {
    lines.push(
      '  and on ()',
      `  (sum(increase(slokit_slo_events_total{slo=${sloLabel}}[${promWindow(rule.short)}])) >= ${slo.minEvents})`,
    );
  }
  return lines.join('\n');
}

/** A validated slokit window (`1h`, `1.5h`) as a Prometheus duration. */
function promWindow(window: string): string {
  return prometheusDuration(parseDuration(window)!);
}

function alertLabels(slo: ResolvedSlo): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(slo.labels)) {
    labels[prometheusLabelName(key)] = escapeAlertTemplate(value);
  }
  return labels;
}

function annotations(
  slo: ResolvedSlo,
  errorRatio: SliErrorRatio,
  rules: BurnRateRule[],
  periodMs: number,
): Record<string, string> {
  const period = prometheusDuration(periodMs);
  const unit = errorRatio.kind === 'occurrences' ? 'of events' : 'of time slices';
  const windows = rules
    .map((rule) => `${rule.long} and ${rule.short} above ${formatNumber(rule.factor)}x`)
    .join(', or ');
  const description = [
    slo.description === undefined ? '' : `${escapeAlertTemplate(slo.description.replace(/[.\s]+$/, ''))}. `,
    `The error budget (${formatNumber(errorRatio.share * 100)} % ${unit} over ${period}) burns too fast: `,
    `${windows}.`,
  ].join('');
  const result: Record<string, string> = {
    summary: `SLO {{ $labels.slo }} burns its ${period} error budget too fast`,
    description,
  };
  if (slo.runbook !== undefined) result.runbook_url = escapeAlertTemplate(slo.runbook);
  return result;
}
