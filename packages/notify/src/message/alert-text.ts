import { type AlertEvent, type AlertLevel, alertLevelRank, formatValue } from '@slokit/core';

const opSymbols = { gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;
/** The symbol of the breach side of an objective: a `gte` SLO breaches below a threshold. */
const breachSymbols = { gte: '<', gt: '≤', lte: '>', lt: '≥' } as const;

const levelEmojis: Record<AlertLevel, string> = {
  none: '✅',
  warning: '🟠',
  ticket: '🎫',
  critical: '🔴',
  page: '📟',
};

/** The status emoji of an event: its level, or ✅ for a recovery. */
export function eventEmoji(event: AlertEvent): string {
  return event.kind === 'resolved' ? '✅' : levelEmojis[event.level];
}

/** `helpfulness` or `helpfulness [model=gpt-4o]`. */
export function eventSubject(event: AlertEvent): string {
  return event.segment === '' ? event.slo : `${event.slo} [${event.groupBy ?? 'segment'}=${event.segment}]`;
}

/** What happened: `fired critical`, `escalated warning → critical`, `resolved (was page)`, `still warning`. */
export function eventHeadline(event: AlertEvent): string {
  switch (event.kind) {
    case 'fired':
      return `fired ${event.level}`;
    case 'escalated':
      return `escalated ${event.previousLevel} → ${event.level}`;
    case 'deescalated':
      return `de-escalated ${event.previousLevel} → ${event.level}`;
    case 'resolved':
      return `resolved (was ${event.previousLevel})`;
    case 'repeated':
      return `still ${event.level}`;
  }
}

/** `75.5% vs target ≥ 80% (warning < 75%, critical < 70%)`. */
export function valueVersusTarget(event: AlertEvent): string {
  const thresholds = [
    event.warning === null
      ? null
      : `warning ${breachSymbols[event.op]} ${formatValue(event.warning, event.unit, true)}`,
    event.critical === null
      ? null
      : `critical ${breachSymbols[event.op]} ${formatValue(event.critical, event.unit, true)}`,
  ].filter((text) => text !== null);
  return `${formatValue(event.value, event.unit)} vs target ${opSymbols[event.op]} ${formatValue(event.target, event.unit, true)}${thresholds.length > 0 ? ` (${thresholds.join(', ')})` : ''}`;
}

/** `over 1h, 308 samples` or `all records, 200 samples`. */
export function windowAndSamples(event: AlertEvent): string {
  const samples = `${event.samples.toLocaleString('en-US')} sample${event.samples === 1 ? '' : 's'}`;
  return `${event.window ? `over ${event.window}` : 'all records'}, ${samples}`;
}

/** `12.5% of the error budget left` (and when it runs out at this rate); null without a budget. */
export function budgetText(event: AlertEvent): string | null {
  const budget = event.budget;
  if (!budget) return null;
  const left =
    budget.remaining === null || budget.remaining <= 0
      ? 'error budget spent'
      : `${formatValue(budget.remaining, 'percent')} of the error budget left`;
  if (budget.exhaustsAt === null || budget.remaining === null || budget.remaining <= 0) return left;
  return `${left}, exhausted in ${formatSpan(budget.exhaustsAt - Date.parse(event.at))} at this rate`;
}

/** `↓ from 78%`: the direction since the previous evaluation; null when there was none. */
export function trendText(event: AlertEvent): string | null {
  if (event.previousValue === null || event.value === null) return null;
  const arrow = event.value > event.previousValue ? '↑' : event.value < event.previousValue ? '↓' : '→';
  return `${arrow} from ${formatValue(event.previousValue, event.unit)}`;
}

/** `burning 14.4x over 1h (page)`: the firing burn-rate rules; null when none fires. */
export function burnText(event: AlertEvent): string | null {
  const firing = event.burnRates.filter((burn) => burn.firing);
  if (firing.length === 0) return null;
  return `burning ${firing
    .map(
      (burn) =>
        `${burn.longRate === null ? '—' : `${Number(burn.longRate.toFixed(1))}x`} over ${burn.long} (${burn.level})`,
    )
    .join(', ')}`;
}

/** `2 firing, 1 resolved`. */
export function batchCounts(events: readonly AlertEvent[]): string {
  const resolved = events.filter((event) => event.kind === 'resolved').length;
  const firing = events.length - resolved;
  return [firing > 0 ? `${firing} firing` : null, resolved > 0 ? `${resolved} resolved` : null]
    .filter((text) => text !== null)
    .join(', ');
}

/** The highest level in a batch, for a colour or an icon; `none` when every event is a recovery. */
export function highestLevel(events: readonly AlertEvent[]): AlertLevel {
  let highest: AlertLevel = 'none';
  for (const event of events) {
    if (event.kind === 'resolved') continue;
    if (alertLevelRank[event.level] > alertLevelRank[highest]) highest = event.level;
  }
  return highest;
}

/** Events most severe first (recoveries last), keeping the batch order among equals: who to show when space runs out. */
export function bySeverity(events: readonly AlertEvent[]): AlertEvent[] {
  const rank = (event: AlertEvent) => (event.kind === 'resolved' ? -1 : alertLevelRank[event.level]);
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => rank(b.event) - rank(a.event) || a.index - b.index)
    .map(({ event }) => event);
}

/** One line per event, as the CLI words it: `🔴 helpfulness: fired critical; 75.5% vs target ≥ 80% over 1h`. */
export function eventLine(event: AlertEvent): string {
  return `${eventEmoji(event)} ${eventSubject(event)}: ${eventHeadline(event)}; ${formatValue(event.value, event.unit)} vs ${opSymbols[event.op]} ${formatValue(event.target, event.unit, true)}${event.window ? ` over ${event.window}` : ''}`;
}

/**
 * Cuts `text` to at most `max` UTF-16 code units (what JavaScript, Slack and Discord count; never more than the
 * characters), ending in `…` when cut, without splitting an emoji's surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function formatSpan(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))}m`;
  if (hours < 48) return `${Number(hours.toFixed(1))}h`;
  return `${Number((hours / 24).toFixed(1))}d`;
}

export { levelEmojis };
