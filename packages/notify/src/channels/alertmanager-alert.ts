import type { AlertEvent } from '@slokit/core';
import { formatValue } from '@slokit/core';
import {
  eventHeadline,
  eventLevel,
  formatBudget,
  formatBurnRate,
  formatExample,
  formatInterval,
  formatTarget,
  formatThresholds,
  formatTrend,
  safeUrl,
} from './alert-event-text.js';

/** `postableAlert` of Alertmanager's API v2 (`api/v2/openapi.yaml`). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

export interface AlertmanagerAlertOptions {
  /** The `alertname` label of every alert; default `SlokitSLO`. */
  alertname: string;
  /** Labels the channel adds to every alert (the SLO's own labels win over them). */
  labels: Record<string, string>;
  /** A firing alert's `endsAt` is its time plus this: it stays active that long unless posted again. */
  endsAfterMs: number;
  generatorUrl?: string;
}

/** Labels slokit sets itself; an SLO or channel label of the same name is ignored. */
export const reservedLabels = ['alertname', 'slo', 'segment', 'severity'] as const;

/**
 * A label name Alertmanager 0.25 accepts (`[a-zA-Z_][a-zA-Z0-9_]*`): other characters become `_`, a leading digit
 * gets a `_` in front (`team-name` → `team_name`, `2fa` → `_2fa`).
 */
export function alertmanagerLabelName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(cleaned) || cleaned === '' ? `_${cleaned}` : cleaned;
}

/**
 * The identifying labels of an event's alert at a level: `alertname`, `slo`, `segment` (only for a segment: an
 * empty label is no label in Prometheus), `severity` (the level: warning, ticket, critical, page), then the SLO's
 * labels and the channel's, sanitized. Reserved names always carry slokit's values.
 */
export function alertmanagerLabels(
  event: AlertEvent,
  severity: string,
  options: Pick<AlertmanagerAlertOptions, 'alertname' | 'labels'>,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const source of [options.labels, event.labels])
    for (const [name, value] of Object.entries(source))
      if (value !== '') labels[alertmanagerLabelName(name)] = value;
  for (const name of reservedLabels) delete labels[name];
  return {
    alertname: options.alertname,
    slo: event.slo,
    ...(event.segment === '' ? {} : { segment: event.segment }),
    severity,
    ...labels,
  };
}

/** `summary`, `description`, `runbook_url` and the event's facts, as annotations (newest post wins in Alertmanager). */
export function alertmanagerAnnotations(event: AlertEvent, test: boolean): Record<string, string> {
  const lines: string[] = [];
  if (event.description) lines.push(event.description);
  lines.push(`Value ${formatValue(event.value, event.unit)} vs target ${formatTarget(event)}.`);
  const thresholds = formatThresholds(event);
  if (thresholds) lines.push(`Thresholds: ${thresholds}.`);
  lines.push(`Window: ${event.window ?? 'all records'}, ${event.samples.toLocaleString('en-US')} samples.`);
  const interval = formatInterval(event);
  if (interval) lines.push(`Interval: ${interval}.`);
  const trend = formatTrend(event);
  if (trend) lines.push(`Trend: ${trend}.`);
  if (event.budget) lines.push(`Error budget: ${formatBudget(event.budget, event.at)}.`);
  for (const burn of event.burnRates) lines.push(`Burn rate ${formatBurnRate(burn)}.`);
  const annotations: Record<string, string> = {
    summary: `${test ? '[TEST] ' : ''}${eventHeadline(event)}`,
    description: lines.join('\n'),
    value: formatValue(event.value, event.unit),
    target: formatTarget(event),
    window: event.window ?? 'all',
    samples: String(event.samples),
  };
  const runbook = safeUrl(event.runbook);
  if (runbook) annotations.runbook_url = runbook;
  else if (event.runbook) annotations.runbook = event.runbook;
  if (event.budget?.remaining !== undefined && event.budget.remaining !== null)
    annotations.budget_remaining = formatValue(event.budget.remaining, 'percent');
  if (event.worstExamples.length > 0)
    annotations.worst_examples = event.worstExamples
      .map((example) => {
        const url = safeUrl(example.url);
        return `${formatExample(example, event.unit)}${url ? ` ${url}` : ''}`;
      })
      .join('\n');
  return annotations;
}

function plus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/**
 * The alerts to post for one event. One alert per SLO (and segment) at its current level, its `severity` label:
 * - fired, repeated: the alert at its level, firing until `at + endsAfter` (an explicit `endsAt`, so Alertmanager's
 *   `resolve_timeout` does not resolve it between posts);
 * - escalated, de-escalated: the alert at the previous level ends (`endsAt` = the event's time) and the alert at
 *   the new level fires: the severity label is part of an alert's identity (its fingerprint);
 * - resolved: the alert at the level it had ends.
 * A test (`slokit test-channel`) posts one firing alert labelled `slokit_test="true"` that ends after 5 minutes.
 */
export function alertmanagerAlerts(
  event: AlertEvent,
  options: AlertmanagerAlertOptions,
  test = false,
): PostableAlert[] {
  const generator = safeUrl(options.generatorUrl);
  const alert = (severity: string, endsAt: string): PostableAlert => ({
    labels: {
      ...alertmanagerLabels(event, severity, options),
      ...(test ? { slokit_test: 'true' } : {}),
    },
    annotations: alertmanagerAnnotations(event, test),
    startsAt: event.at,
    endsAt,
    ...(generator ? { generatorURL: generator } : {}),
  });
  if (test)
    return [alert(eventLevel(event) === 'none' ? 'warning' : eventLevel(event), plus(event.at, 5 * 60_000))];
  const firing = () => alert(event.level, plus(event.at, options.endsAfterMs));
  const ended = () => alert(event.previousLevel, event.at);
  switch (event.kind) {
    case 'fired':
    case 'repeated':
      return [firing()];
    case 'escalated':
    case 'deescalated':
      return event.previousLevel === 'none' || event.previousLevel === event.level
        ? [firing()]
        : [ended(), firing()];
    case 'resolved':
      return event.previousLevel === 'none' ? [] : [ended()];
  }
}
