import {
  formatCount,
  formatOp,
  formatTime,
  formatValue,
  type HistoryReport,
  type HistorySloReport,
} from '@slokit/core/internal';
import { escapeHtml } from '../report/escape-html.js';
import { statusLabels } from '../report/status-label.js';
import { alertTimeline } from './alert-timeline.js';
import { budgetChart } from './budget-chart.js';
import { type TimeScale, timeScale } from './chart-scales.js';
import { historyComplianceLine, historyRows, periodTitle } from './history-rows.js';
import { historyStyles } from './history-styles.js';
import { isNumber } from './is-number.js';
import { sliChart } from './sli-chart.js';
import { sparklineSvg } from './sparkline-svg.js';

/** The self-contained HTML dashboard of `slokit report --format html`: inline CSS and SVG, no script, no network. */
export function renderHistoryHtml(report: HistoryReport): string {
  const title = `SLO Dashboard - ${periodTitle(report)}`;
  const time = timeScale(report);
  const sections = report.slos.map((slo, index) => sloSection(slo, index, time));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="slokit">
<title>${escapeHtml(title)}</title>
<style>${historyStyles}</style>
</head>
<body>
<main>
<header class="page-header">
<h1>${escapeHtml(title)}</h1>
<p class="period">${escapeHtml(`${formatTime(report.from)} to ${formatTime(report.to)}`)} · generated ${escapeHtml(formatTime(report.generatedAt))}</p>
<p class="compliance${complianceClass(report)}">${escapeHtml(historyComplianceLine(report))}</p>
</header>
${summaryTable(report)}
${sections.join('\n')}
</main>
</body>
</html>
`;
}

function complianceClass(report: HistoryReport): string {
  if (report.compliance === null) return ' compliance-none';
  return report.compliance >= 1 ? ' compliance-full' : ' compliance-partial';
}

function statusBadge(status: HistorySloReport['status']): string {
  const label = statusLabels[status]?.text ?? status;
  return `<span class="status status-${escapeHtml(status)}">${escapeHtml(label)}</span>`;
}

function summaryTable(report: HistoryReport): string {
  if (report.slos.length === 0) return '<p class="note">No SLO is configured.</p>';
  const rows = historyRows(report).map(
    (row, index) => `<tr>
<th scope="row"><a href="#slo-${index + 1}">${escapeHtml(row.slo.name)}</a></th>
<td class="number">${escapeHtml(row.target)}</td>
<td class="number">${escapeHtml(row.current)}</td>
<td class="number">${escapeHtml(row.budget)}</td>
<td>${sparklineSvg(row.slo.series.map((point) => point.value))}</td>
<td class="number">${escapeHtml(row.alerts)}</td>
<td>${statusBadge(row.slo.status)}</td>
</tr>`,
  );
  return `<table class="summary">
<thead><tr><th scope="col">SLO</th><th scope="col">Target</th><th scope="col">Current</th><th scope="col">Budget left</th><th scope="col">Trend</th><th scope="col">Alerts</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function sloSection(slo: HistorySloReport, index: number, time: TimeScale): string {
  const hasBudget = slo.series.some((point) => isNumber(point.budgetRemaining));
  const description = slo.description ? `<p class="description">${escapeHtml(slo.description)}</p>` : '';
  return `<section class="slo" id="slo-${index + 1}" data-slo="${escapeHtml(slo.name)}">
<header class="slo-header">
<h2>${escapeHtml(slo.name)}</h2>
${statusBadge(slo.status)}
</header>
${description}
${facts(slo)}
<h3>SLI over time</h3>
${sliChart(slo, time)}
${hasBudget ? `<h3>Error budget remaining</h3>\n${budgetChart(slo, time)}` : ''}
<h3>Alerts</h3>
${alertTimeline(slo, time)}
</section>`;
}

function facts(slo: HistorySloReport): string {
  const fired = slo.alerts.filter((alert) => alert.kind === 'fired' || alert.kind === 'escalated').length;
  const items: Array<[string, string]> = [
    ['Objective', `${formatOp(slo.op)} ${formatValue(slo.target, slo.unit, true)}`],
    ['Current', formatValue(slo.value, slo.unit)],
    ['Samples', formatCount(slo.samples)],
  ];
  if (isNumber(slo.warning)) items.push(['Warning at', formatValue(slo.warning, slo.unit, true)]);
  if (isNumber(slo.critical)) items.push(['Critical at', formatValue(slo.critical, slo.unit, true)]);
  if (slo.window) items.push(['Window', slo.window]);
  if (isNumber(slo.budgetRemaining)) items.push(['Budget left', formatValue(slo.budgetRemaining, 'percent')]);
  items.push(['Evaluations', formatCount(slo.series.length)], ['Alerts fired', formatCount(fired)]);
  const cells = items.map(
    ([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`,
  );
  return `<dl class="facts">${cells.join('')}</dl>`;
}
