import type { DigestBatch, HistoryReport, HistorySloReport } from '@slokit/core';
import { formatValue } from '@slokit/core';
import { escapeHtml, renderHistoryHtml, renderHistoryTable, sparkline } from '@slokit/render';
import { formatTime, safeUrl, truncateText } from './alert-event-text.js';
import {
  type EmailContent,
  type EmailRenderOptions,
  emailDocument,
  htmlLink,
  levelColors,
  statusTexts,
  testBanner,
} from './email-message.js';

export interface DigestEmailContent extends EmailContent {
  /** The full dashboard (`slokit report --format html`, with its charts) as an HTML attachment. */
  attachment: { filename: string; content: string; contentType: string };
}

/** Alert lines listed in the body; the attachment has them all. */
const maxAlertLines = 50;

const opSymbols: Record<HistorySloReport['op'], string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };

interface DigestRow {
  slo: HistorySloReport;
  target: string;
  current: string;
  budget: string;
  trend: string;
  fired: number;
}

function rows(report: HistoryReport): DigestRow[] {
  return report.slos.map((slo) => ({
    slo,
    target: `${opSymbols[slo.op]} ${formatValue(slo.target, slo.unit, true)}`,
    current: formatValue(slo.value, slo.unit),
    budget: slo.budgetRemaining === null ? '' : formatValue(slo.budgetRemaining, 'percent'),
    trend: sparkline(slo.series.map((point) => point.value)),
    fired: slo.alerts.filter((alert) => alert.kind === 'fired' || alert.kind === 'escalated').length,
  }));
}

function complianceLine(report: HistoryReport): string {
  if (report.compliance === null) return 'Overall SLO compliance: n/a (no SLO has enough data)';
  const { met, counted } = report.complianceCounts;
  return `Overall SLO compliance: ${Math.round(report.compliance * 100)}% (${met} of ${counted})`;
}

function day(iso: string): string {
  return formatTime(iso).slice(0, 10);
}

interface AlertLine {
  at: string;
  slo: string;
  segment: string;
  kind: string;
  level: HistorySloReport['alerts'][number]['level'];
  silenced: boolean;
}

function alertLines(report: HistoryReport): AlertLine[] {
  return report.slos
    .flatMap((slo) => slo.alerts.map((alert) => ({ ...alert, slo: slo.name })))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function describeAlert(line: AlertLine): string {
  const subject = line.segment === '' ? line.slo : `${line.slo} [${line.segment}]`;
  const what = line.kind === 'resolved' ? 'resolved' : `${line.kind} ${line.level}`;
  return `${formatTime(line.at)}  ${subject}: ${what}${line.silenced ? ' (silenced)' : ''}`;
}

export function digestSubject(digest: DigestBatch, prefix: string): string {
  const report = digest.report;
  const fired = rows(report).reduce((sum, row) => sum + row.fired, 0);
  const compliance =
    report.compliance === null ? 'compliance n/a' : `${Math.round(report.compliance * 100)}% compliance`;
  const period =
    day(digest.from) === day(digest.to) ? day(digest.to) : `${day(digest.from)} to ${day(digest.to)}`;
  return truncateText(
    `${prefix ? `${prefix} ` : ''}${digest.test ? '[TEST] ' : ''}SLO report ${period}: ${compliance}, ${fired} alert${fired === 1 ? '' : 's'}`,
    160,
  );
}

function digestText(digest: DigestBatch, options: EmailRenderOptions): string {
  const report = digest.report;
  const parts: string[] = [];
  if (digest.test) parts.push('THIS IS A TEST MESSAGE sent by `slokit test-channel`.', '');
  parts.push(`SLO report for ${formatTime(digest.from)} to ${formatTime(digest.to)}`, '');
  parts.push(renderHistoryTable(report).trimEnd(), '');
  const lines = alertLines(report);
  parts.push(lines.length === 0 ? 'No alert in this period.' : `Alerts in this period (${lines.length}):`);
  for (const line of lines.slice(0, maxAlertLines)) parts.push(`  ${describeAlert(line)}`);
  if (lines.length > maxAlertLines)
    parts.push(`  ... and ${lines.length - maxAlertLines} more (see the attached report)`);
  parts.push('', 'The attached HTML report has the charts of every SLO over the period.');
  const dashboard = safeUrl(options.dashboardUrl);
  if (dashboard) parts.push(`Dashboard: ${dashboard}`);
  parts.push(`-- \nSent by slokit to channel '${digest.channel}' (report ${digest.id}).`);
  return `${parts.join('\n')}\n`;
}

const cell = 'padding:6px 10px;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top';
const headerCell = `${cell};background:#f6f8fa;font-size:12px;color:#57606a;text-transform:uppercase`;
const statusColors: Record<HistorySloReport['status'], string> = {
  ok: '#116329',
  at_risk: '#7d4e00',
  warning: '#9a3412',
  critical: '#a40e26',
  no_data: '#57606a',
  insufficient_data: '#57606a',
};

function digestHtml(digest: DigestBatch, options: EmailRenderOptions, subject: string): string {
  const report = digest.report;
  const tableRows = rows(report).map(
    (row) => `<tr>
<th scope="row" style="${cell}">${escapeHtml(row.slo.name)}${row.slo.description ? `<br><span style="font-weight:normal;color:#57606a;font-size:12px">${escapeHtml(row.slo.description)}</span>` : ''}</th>
<td style="${cell};text-align:right">${escapeHtml(row.target)}</td>
<td style="${cell};text-align:right">${escapeHtml(row.current)}</td>
<td style="${cell};text-align:right">${escapeHtml(row.budget)}</td>
<td style="${cell};font-family:monospace">${escapeHtml(row.trend)}</td>
<td style="${cell};text-align:right">${row.fired === 0 ? '' : row.fired}</td>
<td style="${cell};color:${statusColors[row.slo.status]};font-weight:bold">${escapeHtml(statusTexts[row.slo.status])}</td>
</tr>`,
  );
  const headers = ['SLO', 'Target', 'Current', 'Budget left', 'Trend', 'Alerts', 'Status'];
  const table =
    report.slos.length === 0
      ? '<p>No SLO is configured.</p>'
      : `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;background:#ffffff;border:1px solid #d0d7de;margin:0 0 20px">
<thead><tr>${headers.map((header) => `<th scope="col" style="${headerCell}">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>
${tableRows.join('\n')}
</tbody>
</table>`;
  const lines = alertLines(report);
  const alerts =
    lines.length === 0
      ? '<p style="color:#57606a">No alert in this period.</p>'
      : `<h2 style="font-size:16px;margin:0 0 6px">Alerts in this period (${lines.length})</h2>
<ul style="margin:0 0 16px;padding-left:20px">
${lines
  .slice(0, maxAlertLines)
  .map((line) => {
    const color = line.kind === 'resolved' ? levelColors.none : levelColors[line.level];
    return `<li><span style="color:${color};font-weight:bold">${escapeHtml(line.kind === 'resolved' ? 'resolved' : `${line.kind} ${line.level}`)}</span> ${escapeHtml(line.segment === '' ? line.slo : `${line.slo} [${line.segment}]`)} · ${escapeHtml(formatTime(line.at))}${line.silenced ? ' (silenced)' : ''}</li>`;
  })
  .join('\n')}
${lines.length > maxAlertLines ? `<li>and ${lines.length - maxAlertLines} more (see the attached report)</li>` : ''}
</ul>`;
  const dashboard = safeUrl(options.dashboardUrl);
  const body = `${digest.test ? testBanner() : ''}
<h1 style="font-size:20px;margin:0 0 4px">SLO report</h1>
<p style="margin:0 0 8px;color:#57606a">${escapeHtml(`${formatTime(digest.from)} to ${formatTime(digest.to)}`)}</p>
<p style="margin:0 0 16px;font-size:16px;font-weight:bold">${escapeHtml(complianceLine(report))}</p>
${table}
${alerts}
<p style="margin:0 0 12px">The attached HTML report has the charts of every SLO over the period.${dashboard ? ` ${htmlLink(dashboard, 'Open the SLO dashboard')}.` : ''}</p>
<p style="color:#6e7781;font-size:12px;margin:16px 0 0">Sent by slokit to channel '${escapeHtml(digest.channel)}' (report ${escapeHtml(digest.id)}).</p>`;
  return emailDocument(subject, body);
}

/**
 * The digest email of a period: the dashboard table and the period's alerts in the body (email-safe HTML: mail
 * clients drop SVG and style sheets), the table in the text part, and the full `slokit report --format html`
 * dashboard with its charts attached.
 */
export function renderDigestEmail(digest: DigestBatch, options: EmailRenderOptions): DigestEmailContent {
  const subject = digestSubject(digest, options.subjectPrefix);
  return {
    subject,
    text: digestText(digest, options),
    html: digestHtml(digest, options, subject),
    attachment: {
      filename: `slo-report-${day(digest.to)}.html`,
      content: renderHistoryHtml(digest.report),
      contentType: 'text/html; charset=utf-8',
    },
  };
}
