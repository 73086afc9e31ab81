import { createHash } from 'node:crypto';
import type { AlertEvent, AlertLevel } from '@slokit/core';
import { formatValue } from '@slokit/core';
import {
  eventChange,
  eventHeadline,
  eventLevel,
  formatBudget,
  formatBurnRate,
  formatExampleValue,
  formatInterval,
  formatTarget,
  formatThresholds,
  formatTrend,
  safeUrl,
  truncateText,
} from './alert-event-text.js';

/** PagerDuty's severities (PD-CEF), most severe first. */
export const pagerdutySeverities = ['critical', 'error', 'warning', 'info'] as const;
export type PagerdutySeverity = (typeof pagerdutySeverities)[number];

/** slokit's alert levels that reach PagerDuty. */
export type PagerdutyLevel = Exclude<AlertLevel, 'none'>;

/**
 * The default level → severity map. Pages and critical breaches are `critical` (high urgency under PagerDuty's
 * dynamic notifications); warnings are `warning`; tickets (a slow burn of the error budget that wants a ticket,
 * not a wake-up call) are `warning` too, so their order against warnings is kept and they stay low urgency.
 */
export const defaultPagerdutySeverities: Record<PagerdutyLevel, PagerdutySeverity> = {
  page: 'critical',
  critical: 'critical',
  ticket: 'warning',
  warning: 'warning',
};

/** The documented limits of the Events API v2. */
export const pagerdutyLimits = {
  summary: 1024,
  dedupKey: 255,
  /** Bytes of the whole request body. */
  payload: 512 * 1024,
} as const;

export interface PagerdutyLink {
  href: string;
  text?: string;
}

/** An Events API v2 alert event as sent, without its `routing_key` (added only when the request is made). */
export interface PagerdutyEvent {
  event_action: 'trigger' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: PagerdutySeverity;
    timestamp: string;
    component: string;
    group?: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
  links?: PagerdutyLink[];
  client?: string;
  client_url?: string;
}

export interface PagerdutyEventOptions {
  /** `payload.source`: where the problem is; default `slokit`. */
  source: string;
  /** `payload.group`; default: the SLO's `service` label, else its `team` label, else none. */
  group?: string;
  severities: Record<PagerdutyLevel, PagerdutySeverity>;
  /** Linked from every trigger and sent as `client_url`. */
  dashboardUrl?: string;
  /** Prefix of every dedup key; default `slokit`. */
  dedupKeyPrefix: string;
}

/**
 * The alert's identity in PagerDuty, stable across cycles: one PagerDuty alert per SLO and segment, so a trigger
 * that escalates, de-escalates or repeats updates the open alert and a resolve closes it. At most 255 characters:
 * a longer key keeps its start and ends in a hash of the whole.
 */
export function pagerdutyDedupKey(event: Pick<AlertEvent, 'slo' | 'segment'>, prefix = 'slokit'): string {
  // SLO names never contain ':', so `prefix:slo:segment` cannot collide across SLOs.
  const key = `${prefix}:${event.slo}${event.segment === '' ? '' : `:${event.segment}`}`;
  if (key.length <= pagerdutyLimits.dedupKey) return key;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `${truncateText(key, pagerdutyLimits.dedupKey - hash.length - 1).slice(0, -1)}~${hash}`;
}

/** `budget-burn` when a burn-rate alert at the event's level is firing, `objective` otherwise. */
function eventClass(event: AlertEvent): string {
  const level = eventLevel(event);
  return event.burnRates.some((burn) => burn.firing && burn.level === level) ? 'budget-burn' : 'objective';
}

/** Every fact about the event, readable in PagerDuty's key/value view; raw numbers alongside the formatted ones. */
export function pagerdutyCustomDetails(event: AlertEvent): Record<string, unknown> {
  const details: Record<string, unknown> = {
    slo: event.slo,
    ...(event.segment === '' ? {} : { segment: event.segment, group_by: event.groupBy }),
    event: eventChange(event),
    level: event.level,
    previous_level: event.previousLevel,
    status: event.status,
    value: formatValue(event.value, event.unit),
    target: formatTarget(event),
    window: event.window ?? 'all records',
    samples: event.samples,
    evaluated_at: event.at,
    raw: { value: event.value, target: event.target, op: event.op, unit: event.unit },
  };
  const thresholds = formatThresholds(event);
  if (thresholds) details.thresholds = thresholds;
  const interval = formatInterval(event);
  if (interval) details.interval = interval;
  const trend = formatTrend(event);
  if (trend) details.trend = trend;
  if (event.budget) details.error_budget = formatBudget(event.budget, event.at);
  if (event.burnRates.length > 0) details.burn_rates = event.burnRates.map(formatBurnRate);
  if (event.worstExamples.length > 0)
    details.worst_examples = event.worstExamples.map((example) => ({
      id: example.id,
      value: formatExampleValue(example.value, event.unit),
      timestamp: example.timestamp,
      url: example.url,
    }));
  if (event.description) details.description = event.description;
  if (event.runbook) details.runbook = event.runbook;
  if (Object.keys(event.labels).length > 0) details.labels = event.labels;
  return details;
}

/** Runbook first, then the dashboard, then each worst example: http(s) links only. */
export function pagerdutyLinks(event: AlertEvent, dashboardUrl?: string): PagerdutyLink[] {
  const links: PagerdutyLink[] = [];
  const runbook = safeUrl(event.runbook);
  if (runbook) links.push({ href: runbook, text: `Runbook: ${event.slo}` });
  const dashboard = safeUrl(dashboardUrl);
  if (dashboard) links.push({ href: dashboard, text: 'SLO dashboard' });
  for (const example of event.worstExamples) {
    const href = safeUrl(example.url);
    const name = example.id === null ? 'Worst example' : `Worst example ${example.id}`;
    if (href) links.push({ href, text: `${name} (${formatExampleValue(example.value, event.unit)})` });
  }
  return links;
}

/**
 * The Events API v2 event for one alert event: a resolution resolves the SLO's dedup key; every other kind
 * (fired, escalated, de-escalated, repeated) triggers it with the severity of its level, which updates the open
 * alert. `test` marks a `slokit test-channel` message: its own dedup key, severity `info`, `[TEST]` in the summary.
 */
export function pagerdutyEvent(
  event: AlertEvent,
  options: PagerdutyEventOptions,
  test?: { batchId: string },
): PagerdutyEvent {
  const dedupKey = test
    ? pagerdutyDedupKey(
        { slo: event.slo, segment: event.segment === '' ? test.batchId : `${test.batchId}:${event.segment}` },
        `${options.dedupKeyPrefix}-test`,
      )
    : pagerdutyDedupKey(event, options.dedupKeyPrefix);
  if (event.kind === 'resolved' && !test) return { event_action: 'resolve', dedup_key: dedupKey };
  const level = eventLevel(event);
  const severity =
    test || level === 'none' ? 'info' : (options.severities[level] ?? defaultPagerdutySeverities[level]);
  const group = options.group ?? event.labels.service ?? event.labels.team;
  const links = pagerdutyLinks(event, options.dashboardUrl);
  const body: PagerdutyEvent = {
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: truncateText(`${test ? '[TEST] ' : ''}${eventHeadline(event)}`, pagerdutyLimits.summary),
      source: options.source,
      severity,
      timestamp: event.at,
      component: event.slo,
      ...(group ? { group } : {}),
      class: eventClass(event),
      custom_details: pagerdutyCustomDetails(event),
    },
    ...(links.length > 0 ? { links } : {}),
    client: 'slokit',
    ...(safeUrl(options.dashboardUrl) ? { client_url: safeUrl(options.dashboardUrl)! } : {}),
  };
  // Like Alertmanager: an event over the size limit keeps its summary and links and loses the details.
  if (Buffer.byteLength(JSON.stringify(body)) > pagerdutyLimits.payload - 1024) {
    body.payload!.custom_details = {
      note: 'The details of this event exceeded the Events API size limit (512 KB) and were left out.',
      slo: event.slo,
      segment: event.segment,
    };
    body.links = links.slice(0, 10);
  }
  return body;
}
