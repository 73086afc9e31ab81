import type { AlertEvent, BurnRateResult, PeriodBudget, WorstExample } from '@slokit/core';
import { formatValue } from '@slokit/core';
import { eventHeadline as changeText, eventSubject, truncate } from '../message/alert-text.js';

/**
 * The wording the email, PagerDuty and Alertmanager channels share: one event in plain text, piece by piece.
 * Pure functions of the event (and, for time spans, the event's own time), so a retried message reads the same.
 */

const opSymbols: Record<AlertEvent['op'], string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };
/** The breach side of an objective: a `gte` SLO breaches below its thresholds. */
const breachSymbols: Record<AlertEvent['op'], string> = { gte: '<', gt: '≤', lte: '>', lt: '≥' };

/** `helpfulness` or `helpfulness [metadata.model=gpt-4o]` (the wording every channel shares). */
export { eventSubject };

/** What happened: `fired critical`, `escalated warning → critical`, `resolved (was page)`, `still warning`. */
export const eventChange = changeText;

/** Cuts a text to at most `length` UTF-16 units (never inside a surrogate pair), ending in `…` when cut. */
export const truncateText = truncate;

/** The level the event is about: a resolution is about the level it ends. */
export function eventLevel(event: AlertEvent): AlertEvent['level'] {
  return event.kind === 'resolved' ? event.previousLevel : event.level;
}

/** `≥ 80%`. */
export function formatTarget(event: Pick<AlertEvent, 'op' | 'target' | 'unit'>): string {
  return `${opSymbols[event.op]} ${formatValue(event.target, event.unit, true)}`;
}

/** `97.7% vs ≥ 99% over 1h`. */
export function valueVersusTarget(event: AlertEvent): string {
  const window = event.window ? ` over ${event.window}` : '';
  return `${formatValue(event.value, event.unit)} vs ${formatTarget(event)}${window}`;
}

/** One line, as the CLI words it (without the emoji): `success-rate-1h: fired critical; 97.7% vs ≥ 99% over 1h`. */
export function eventHeadline(event: AlertEvent): string {
  return `${eventSubject(event)}: ${eventChange(event)}; ${valueVersusTarget(event)}`;
}

function higherIsBetter(op: AlertEvent['op']): boolean {
  return op === 'gte' || op === 'gt';
}

/** `↓ from 78.1% (worse)`; null without a previous value or when it did not move. */
export function formatTrend(event: AlertEvent): string | null {
  if (event.previousValue === null || event.value === null) return null;
  const delta = event.value - event.previousValue;
  if (delta === 0) return `→ unchanged at ${formatValue(event.value, event.unit)}`;
  const better = higherIsBetter(event.op) ? delta > 0 : delta < 0;
  return `${delta > 0 ? '↑' : '↓'} from ${formatValue(event.previousValue, event.unit)} (${better ? 'better' : 'worse'})`;
}

/** `95% CI 71.2% – 76%` for the value's confidence interval. */
export function formatInterval(event: AlertEvent): string | null {
  const interval = event.interval;
  if (interval === null) return null;
  const confidence = Math.round(interval.confidence * 100);
  return `${confidence}% CI ${formatValue(interval.lower, event.unit)} – ${formatValue(interval.upper, event.unit)}`;
}

/** `warning < 85%, critical < 75%`; null without either threshold. */
export function formatThresholds(event: AlertEvent): string | null {
  const side = breachSymbols[event.op];
  const parts: string[] = [];
  if (event.warning !== null) parts.push(`warning ${side} ${formatValue(event.warning, event.unit, true)}`);
  if (event.critical !== null)
    parts.push(`critical ${side} ${formatValue(event.critical, event.unit, true)}`);
  return parts.length === 0 ? null : parts.join(', ');
}

/** `3h 20m`, `2.5d`, `45m`: how far ahead a time is. */
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
  }
  return `${(minutes / 1440).toFixed(1)}d`;
}

function formatAmount(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);
}

/**
 * `12.5% left (35 of 40 allowed bad events used), exhausted in 3h 20m at the last hour's burn`;
 * `overspent: -129% left (...)`.
 */
export function formatBudget(budget: PeriodBudget, at: string): string {
  const unit = budget.method === 'occurrences' ? 'bad events' : 'bad 5-minute slices';
  const used = `${formatAmount(budget.consumed)} of ${formatAmount(budget.allowed)} allowed ${unit} used`;
  if (budget.remaining === null) return `spent (${used})`;
  const left = `${formatValue(budget.remaining, 'percent')} left (${used})`;
  const exhausts =
    budget.exhaustsAt === null
      ? ''
      : `, exhausted in ${formatSpan(budget.exhaustsAt - Date.parse(at))} at the last hour's burn`;
  return `${budget.remaining < 0 ? 'overspent: ' : ''}${left}${exhausts}`;
}

function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${rate.toFixed(rate >= 10 ? 0 : 1)}x`;
}

/** `1h/5m burning 16x/20x (fires above 14.4x: page) FIRING`. */
export function formatBurnRate(burn: BurnRateResult): string {
  return `${burn.long}/${burn.short} burning ${formatRate(burn.longRate)}/${formatRate(burn.shortRate)} (fires above ${burn.factor}x: ${burn.level})${burn.firing ? ' FIRING' : ''}`;
}

/** A worst example's value: in the SLO's unit when it is a number that fits it, else as it was recorded. */
export function formatExampleValue(value: unknown, unit: AlertEvent['unit']): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (unit !== 'percent' || (value >= 0 && value <= 1)) return formatValue(value, unit);
    return String(value);
  }
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** `run-123 (4.5s, 2026-11-26 13:31:02 UTC)`. */
export function formatExample(example: WorstExample, unit: AlertEvent['unit']): string {
  const time = example.timestamp ? `, ${formatTime(example.timestamp)}` : '';
  return `${example.id ?? '(no id)'} (${formatExampleValue(example.value, unit)}${time})`;
}

/** `2026-11-26T14:00:00.000Z` → `2026-11-26 14:00 UTC` (seconds when not zero). */
export function formatTime(iso: string): string {
  const parsed = Date.parse(iso);
  if (Number.isNaN(parsed)) return iso;
  const normalized = new Date(parsed).toISOString();
  const time = normalized.slice(11, 19);
  return `${normalized.slice(0, 10)} ${time.endsWith(':00') ? time.slice(0, 5) : time} UTC`;
}

/** Links from data are shown as links only when they are http(s): never `javascript:` or `data:` in a message. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
