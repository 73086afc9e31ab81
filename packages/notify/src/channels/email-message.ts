import type { AlertBatch, AlertEvent, AlertLevel } from '@slokit/core';
import { formatValue } from '@slokit/core';
import { escapeHtml } from '@slokit/render';
import { bySeverity } from '../message/alert-text.js';
import {
  eventChange,
  eventHeadline,
  eventSubject,
  formatBudget,
  formatBurnRate,
  formatExampleValue,
  formatInterval,
  formatTarget,
  formatThresholds,
  formatTime,
  formatTrend,
  safeUrl,
  truncateText,
} from './alert-event-text.js';

/** The parts of one email: nodemailer sends `text` and `html` as multipart/alternative. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EmailRenderOptions {
  /** Starts every subject; default `[slokit]`. */
  subjectPrefix: string;
  /** Linked from every message when set. */
  dashboardUrl?: string;
}

/**
 * A message's bounds, whatever the batch: past them the most severe events come first, the summary table lists
 * `summaryRows` of them and `detailedEvents` get their own section; a line says how many more there are.
 */
export const emailLimits = { summaryRows: 500, detailedEvents: 50 } as const;

/** The events a message shows, most severe first when they are too many to show all in detail. */
function shownEvents(events: readonly AlertEvent[]): {
  summary: AlertEvent[];
  detailed: AlertEvent[];
  /** Events in neither the table nor the details. */
  unlisted: number;
} {
  const ordered = events.length > emailLimits.detailedEvents ? bySeverity(events) : [...events];
  const summary = ordered.slice(0, emailLimits.summaryRows);
  return {
    summary,
    detailed: ordered.slice(0, emailLimits.detailedEvents),
    unlisted: events.length - summary.length,
  };
}

/** `…and 19,500 more events (not listed: see the dashboard).` */
function moreEvents(count: number, listed: string): string {
  return `…and ${new Intl.NumberFormat('en-US').format(count)} more events (${listed})`;
}

/** Subjects longer than this are cut (RFC 5322 recommends lines under 78 characters; clients show ~100). */
const subjectLength = 160;

export const levelColors: Record<AlertLevel, string> = {
  none: '#16a34a',
  warning: '#d97706',
  ticket: '#0284c7',
  critical: '#dc2626',
  page: '#7c3aed',
};

export const statusTexts: Record<AlertEvent['status'], string> = {
  ok: 'ok',
  at_risk: 'at risk',
  warning: 'warning',
  critical: 'critical',
  no_data: 'no data',
  insufficient_data: 'insufficient data',
};

export const fontFamily =
  'system-ui,-apple-system,&quot;Segoe UI&quot;,Roboto,&quot;Liberation Sans&quot;,Arial,sans-serif';

/** The word a subject and a badge use: `PAGE`, `CRITICAL`, `RESOLVED`. */
function badgeText(event: AlertEvent): string {
  return event.kind === 'resolved' ? 'RESOLVED' : event.level.toUpperCase();
}

function badgeColor(event: AlertEvent): string {
  return event.kind === 'resolved' ? levelColors.none : levelColors[event.level];
}

/** `2 page, 1 critical, 1 resolved`: the batch's events counted by what they say, most severe first. */
function countByBadge(events: readonly AlertEvent[]): string {
  const order = ['PAGE', 'CRITICAL', 'TICKET', 'WARNING', 'RESOLVED', 'NONE'];
  const counts = new Map<string, number>();
  for (const event of events) counts.set(badgeText(event), (counts.get(badgeText(event)) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([badge, count]) => `${count} ${badge.toLowerCase()}`)
    .join(', ');
}

export function alertSubject(batch: AlertBatch, prefix: string): string {
  const test = batch.test ? '[TEST] ' : '';
  const start = `${prefix ? `${prefix} ` : ''}${test}`;
  if (batch.events.length === 1) {
    const event = batch.events[0]!;
    return truncateText(`${start}${eventHeadline(event)}`, subjectLength);
  }
  const names = [...new Set(batch.events.map((event) => eventSubject(event)))];
  const shown = names.slice(0, 2).join(', ') + (names.length > 2 ? ` and ${names.length - 2} more` : '');
  return truncateText(
    `${start}${batch.events.length} SLO alerts (${countByBadge(batch.events)}): ${shown}`,
    subjectLength,
  );
}

/** The facts about one event, as label/value pairs shared by the text and HTML parts. */
export function eventFacts(event: AlertEvent): Array<[string, string]> {
  const facts: Array<[string, string]> = [
    ['Event', eventChange(event)],
    ['Current', formatValue(event.value, event.unit)],
    ['Target', formatTarget(event)],
  ];
  const thresholds = formatThresholds(event);
  if (thresholds) facts.push(['Thresholds', thresholds]);
  facts.push(['Status', statusTexts[event.status]]);
  facts.push(['Window', event.window ?? 'all records']);
  facts.push(['Samples', new Intl.NumberFormat('en-US').format(event.samples)]);
  const interval = formatInterval(event);
  if (interval) facts.push(['Interval', interval]);
  const trend = formatTrend(event);
  if (trend) facts.push(['Trend', trend]);
  if (event.budget) facts.push(['Error budget', formatBudget(event.budget, event.at)]);
  for (const [index, burn] of event.burnRates.entries())
    facts.push([index === 0 ? 'Burn rates' : '', formatBurnRate(burn)]);
  if (event.segment !== '') facts.push(['Segment', `${event.groupBy ?? 'segment'} = ${event.segment}`]);
  const labels = Object.entries(event.labels);
  if (labels.length > 0) facts.push(['Labels', labels.map(([key, value]) => `${key}=${value}`).join(', ')]);
  facts.push(['Evaluated', formatTime(event.at)]);
  return facts;
}

function budgetLeft(event: AlertEvent): string {
  if (!event.budget) return '';
  return event.budget.remaining === null ? 'spent' : formatValue(event.budget.remaining, 'percent');
}

// --- plain text ----------------------------------------------------------------------------------------------

function textEvent(event: AlertEvent, index: number): string {
  const lines = [`${index + 1}. [${badgeText(event)}] ${eventSubject(event)}`];
  if (event.description) lines.push(`   ${event.description}`);
  const facts = eventFacts(event);
  const width = Math.max(...facts.map(([label]) => label.length));
  for (const [label, value] of facts) lines.push(`   ${label.padEnd(width)}  ${value}`);
  if (event.worstExamples.length > 0) {
    lines.push('   Worst examples:');
    for (const example of event.worstExamples) {
      const time = example.timestamp ? ` at ${formatTime(example.timestamp)}` : '';
      const url = safeUrl(example.url);
      lines.push(
        `   - ${example.id ?? '(no id)'}: ${formatExampleValue(example.value, event.unit)}${time}${url ? ` <${url}>` : ''}`,
      );
    }
  }
  const runbook = safeUrl(event.runbook) ?? event.runbook;
  if (runbook) lines.push(`   Runbook: ${runbook}`);
  return lines.join('\n');
}

/** A summary table in the dashboard's columns, for a monospaced reader. */
function textSummary(events: readonly AlertEvent[]): string {
  const headers = ['SLO', 'Event', 'Current', 'Target', 'Samples', 'Window', 'Budget left'];
  const rows = events.map((event) => [
    eventSubject(event),
    eventChange(event),
    formatValue(event.value, event.unit),
    formatTarget(event),
    new Intl.NumberFormat('en-US').format(event.samples),
    event.window ?? 'all',
    budgetLeft(event),
  ]);
  const widths = headers.map((header, column) =>
    Math.max([...header].length, ...rows.map((row) => [...row[column]!].length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length))
      .join(' | ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width, 0) + 3 * (widths.length - 1));
  return [format(headers), rule, ...rows.map(format)].join('\n');
}

function alertText(batch: AlertBatch, options: EmailRenderOptions): string {
  const parts: string[] = [];
  if (batch.test) parts.push('THIS IS A TEST MESSAGE sent by `slokit test-channel`: no SLO is alerting.', '');
  const shown = shownEvents(batch.events);
  parts.push(
    `SLO alerts at ${formatTime(batch.at)} (${batch.events.length} event${batch.events.length === 1 ? '' : 's'})`,
    '',
    textSummary(shown.summary),
    ...(shown.unlisted > 0 ? [moreEvents(shown.unlisted, 'not listed: see the dashboard')] : []),
    '',
    ...shown.detailed.map((event, index) => `${textEvent(event, index)}\n`),
  );
  const undetailed = batch.events.length - shown.detailed.length;
  if (undetailed > 0) parts.push(moreEvents(undetailed, 'not detailed: the most severe come first'), '');
  const dashboard = safeUrl(options.dashboardUrl);
  if (dashboard) parts.push(`Dashboard: ${dashboard}`);
  parts.push(`-- \nSent by slokit to channel '${batch.channel}' (message ${batch.id}).`);
  return `${parts.join('\n')}\n`;
}

// --- HTML ------------------------------------------------------------------------------------------------------

const cell = 'padding:6px 10px;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top';
const headerCell = `${cell};background:#f6f8fa;font-size:12px;color:#57606a;text-transform:uppercase`;

function badge(text: string, color: string): string {
  return `<span style="display:inline-block;padding:1px 8px;border-radius:10px;background:${color};color:#ffffff;font-size:12px;font-weight:bold">${escapeHtml(text)}</span>`;
}

/** A link when the URL is http(s), else the escaped text. */
export function htmlLink(url: string | null | undefined, text: string): string {
  const href = safeUrl(url);
  return href
    ? `<a href="${escapeHtml(href)}" style="color:#0550ae">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}

function htmlSummary(events: readonly AlertEvent[], detailed: number): string {
  const headers = ['SLO', 'Event', 'Current', 'Target', 'Samples', 'Window', 'Budget left'];
  const subject = (event: AlertEvent, index: number) =>
    index < detailed
      ? `<a href="#event-${index + 1}" style="color:#0550ae">${escapeHtml(eventSubject(event))}</a>`
      : escapeHtml(eventSubject(event));
  const rows = events.map(
    (event, index) => `<tr>
<td style="${cell}">${subject(event, index)}</td>
<td style="${cell}">${badge(badgeText(event), badgeColor(event))} ${escapeHtml(eventChange(event))}</td>
<td style="${cell};text-align:right">${escapeHtml(formatValue(event.value, event.unit))}</td>
<td style="${cell};text-align:right">${escapeHtml(formatTarget(event))}</td>
<td style="${cell};text-align:right">${escapeHtml(new Intl.NumberFormat('en-US').format(event.samples))}</td>
<td style="${cell}">${escapeHtml(event.window ?? 'all')}</td>
<td style="${cell};text-align:right">${escapeHtml(budgetLeft(event))}</td>
</tr>`,
  );
  return `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;background:#ffffff;border:1px solid #d0d7de;margin:0 0 20px">
<thead><tr>${headers.map((header) => `<th scope="col" style="${headerCell}">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function htmlEvent(event: AlertEvent, index: number): string {
  const facts = eventFacts(event)
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="${cell};width:130px;color:#57606a;font-weight:normal">${escapeHtml(label)}</th><td style="${cell}">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const description = event.description
    ? `<p style="margin:4px 0 10px;color:#424a53">${escapeHtml(event.description)}</p>`
    : '';
  const examples =
    event.worstExamples.length === 0
      ? ''
      : `<h3 style="font-size:14px;margin:14px 0 6px">Worst examples</h3>
<ul style="margin:0;padding-left:20px">
${event.worstExamples
  .map((example) => {
    const time = example.timestamp ? ` · ${escapeHtml(formatTime(example.timestamp))}` : '';
    return `<li>${htmlLink(example.url, example.id ?? '(no id)')}: ${escapeHtml(formatExampleValue(example.value, event.unit))}${time}</li>`;
  })
  .join('\n')}
</ul>`;
  const runbook = event.runbook
    ? `<p style="margin:12px 0 0"><strong>Runbook:</strong> ${htmlLink(event.runbook, event.runbook)}</p>`
    : '';
  return `<div id="event-${index + 1}" style="background:#ffffff;border:1px solid #d0d7de;border-left:4px solid ${badgeColor(event)};padding:12px 16px;margin:0 0 16px">
<h2 style="font-size:17px;margin:0 0 4px">${badge(badgeText(event), badgeColor(event))} ${escapeHtml(eventSubject(event))}</h2>
${description}
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%">
${facts}
</table>
${examples}
${runbook}
</div>`;
}

/** An HTML document most mail clients render: inline styles, tables, no script, no images, no remote content. */
export function emailDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f6f8fa;color:#1f2328">
<div style="max-width:760px;margin:0 auto;padding:16px;font:14px/1.45 ${fontFamily}">
${body}
</div>
</body>
</html>
`;
}

export function testBanner(): string {
  return '<p style="background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;margin:0 0 16px"><strong>This is a test message</strong> sent by <code>slokit test-channel</code>: no SLO is alerting.</p>';
}

function alertHtml(batch: AlertBatch, options: EmailRenderOptions, subject: string): string {
  const dashboard = safeUrl(options.dashboardUrl);
  const shown = shownEvents(batch.events);
  const undetailed = batch.events.length - shown.detailed.length;
  const more = (count: number, listed: string) =>
    count > 0 ? `<p style="margin:0 0 16px">${escapeHtml(moreEvents(count, listed))}</p>` : '';
  const body = `${batch.test ? testBanner() : ''}
<h1 style="font-size:20px;margin:0 0 12px">SLO alerts at ${escapeHtml(formatTime(batch.at))}</h1>
${htmlSummary(shown.summary, shown.detailed.length)}
${more(shown.unlisted, 'not listed: see the dashboard')}
${shown.detailed.map(htmlEvent).join('\n')}
${more(undetailed, 'not detailed: the most severe come first')}
${dashboard ? `<p style="margin:0 0 12px">${htmlLink(dashboard, 'Open the SLO dashboard')}</p>` : ''}
<p style="color:#6e7781;font-size:12px;margin:16px 0 0">Sent by slokit to channel '${escapeHtml(batch.channel)}' (message ${escapeHtml(batch.id)}).</p>`;
  return emailDocument(subject, body);
}

/** The email for a batch of alert events: a subject, a plain-text part and an HTML part with the same content. */
export function renderAlertEmail(batch: AlertBatch, options: EmailRenderOptions): EmailContent {
  const subject = alertSubject(batch, options.subjectPrefix);
  return { subject, text: alertText(batch, options), html: alertHtml(batch, options, subject) };
}
