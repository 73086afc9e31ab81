import {
  type AlertLevel,
  alertLevelRank,
  classifyStatus,
  type DisplayUnit,
  formatCount,
  formatOp,
  formatTime,
  formatValue,
  type HistoryAlert,
  type HistoryReport,
  type HistorySloReport,
} from '@slokit/core/internal';
import { escapeHtml } from '../report/escape-html.js';
import { statusLabels } from '../report/status-label.js';
import { historyComplianceLine, historyRows, periodTitle } from './history-rows.js';
import { downsample } from './sparkline.js';

/** Width of every chart's viewBox; the page scales it to the column. */
const chartWidth = 960;
const plotLeft = 76;
const plotRight = chartWidth - 24;
/** Longer series are averaged into this many time slots (their minimum and maximum drawn as an envelope). */
const maxChartPoints = 300;
const hour = 3_600_000;
const day = 24 * hour;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const alertKinds = ['fired', 'escalated', 'deescalated', 'resolved', 'repeated'] as const;
const markerLevels: AlertLevel[] = ['warning', 'ticket', 'critical', 'page', 'none'];
const maxLanes = 6;

interface TimeScale {
  from: number;
  to: number;
  x(at: number): number;
}

interface ValueScale {
  low: number;
  high: number;
  y(value: number): number;
}

interface ChartPoint {
  at: number;
  value: number;
  low: number;
  high: number;
}

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
<style>${styles}</style>
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

function sparklineSvg(values: Array<number | null>): string {
  const points = downsample(
    values.map((value) => (isNumber(value) ? value : null)),
    60,
  );
  const present = points.filter(isNumber);
  if (present.length === 0) return '';
  const low = Math.min(...present);
  const high = Math.max(...present);
  const x = (index: number) => (points.length === 1 ? 60 : 2 + (index * 116) / (points.length - 1));
  const y = (value: number) => (high === low ? 12 : 21 - ((value - low) / (high - low)) * 18);
  let path = '';
  let previous = false;
  points.forEach((value, index) => {
    if (value === null) {
      previous = false;
      return;
    }
    path += `${previous ? 'L' : 'M'}${round(x(index))} ${round(y(value))}`;
    previous = true;
  });
  const single =
    present.length === 1 ? `<circle cx="${round(x(points.findIndex(isNumber)))}" cy="12" r="2"/>` : '';
  return `<svg class="spark" viewBox="0 0 120 24" aria-hidden="true"><path d="${path}"/>${single}</svg>`;
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

// --- the SLI against its objective -------------------------------------------------------------------------

function sliChart(slo: HistorySloReport, time: TimeScale): string {
  const { runs, downsampled } = chartRuns(
    slo.series.map((point) => ({ at: Date.parse(point.at), value: point.value })),
  );
  if (runs.length === 0) {
    const empty =
      slo.series.length === 0 ? '' : ` (${formatCount(slo.series.length)} evaluations without a value)`;
    return `<p class="no-data">No data in this period${escapeHtml(empty)}.</p>`;
  }
  const height = 260;
  const top = 12;
  const bottom = height - 30;
  const points = runs.flat();
  const values = points.flatMap((point) => [point.low, point.high]);
  const thresholds = [slo.target, slo.warning, slo.critical].filter(isNumber);
  const scale = valueScale([...values, ...thresholds], top, bottom, slo.unit);
  const objective = {
    op: slo.op,
    target: slo.target,
    ...(isNumber(slo.warning) ? { warning: slo.warning } : {}),
    ...(isNumber(slo.critical) ? { critical: slo.critical } : {}),
  };
  // Each stretch between thresholds is shaded by the status a value there would have: the bands follow the
  // objective's direction (below the target for ≥, above it for ≤) exactly as evaluation classifies.
  const edges = [
    ...new Set([scale.low, scale.high, ...thresholds.filter((v) => v > scale.low && v < scale.high)]),
  ];
  edges.sort((a, b) => a - b);
  const bands: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const low = edges[i]!;
    const high = edges[i + 1]!;
    const status = classifyStatus((low + high) / 2, 1, 1, objective);
    if (status !== 'at_risk' && status !== 'warning' && status !== 'critical') continue;
    bands.push(
      rect(
        `band band-${status}`,
        plotLeft,
        scale.y(high),
        plotRight - plotLeft,
        scale.y(low) - scale.y(high),
      ),
    );
  }
  const lines = [
    thresholdLine('line-target', scale.y(slo.target)),
    isNumber(slo.warning) ? thresholdLine('line-warning', scale.y(slo.warning)) : '',
    isNumber(slo.critical) ? thresholdLine('line-critical', scale.y(slo.critical)) : '',
  ];
  const label =
    `${slo.name}: SLI over time against the target ${formatOp(slo.op)} ${formatValue(slo.target, slo.unit, true)}; ` +
    `${formatCount(slo.series.length)} evaluations${downsampled ? `, averaged into ${points.length} points` : ''}, ` +
    `lowest ${formatValue(Math.min(...values), slo.unit)}, highest ${formatValue(Math.max(...values), slo.unit)}`;
  const legend = [
    legendLine('sli', downsampled ? 'SLI (average, with min-max range)' : 'SLI'),
    legendLine('target', `target ${formatOp(slo.op)} ${formatValue(slo.target, slo.unit, true)}`),
    isNumber(slo.warning) ? legendLine('warning', `warning ${formatValue(slo.warning, slo.unit, true)}`) : '',
    isNumber(slo.critical)
      ? legendLine('critical', `critical ${formatValue(slo.critical, slo.unit, true)}`)
      : '',
    ...(['at_risk', 'warning', 'critical'] as const)
      .filter((status) => bands.some((band) => band.includes(`band-${status}"`)))
      .map((status) => legendSwatch(`band-${status}`, `${statusLabels[status].text} zone`)),
  ];
  return `<figure class="chart-figure">
${svgOpen('sli', slo, height, label)}
${rect('plot', plotLeft, top, plotRight - plotLeft, bottom - top)}
${bands.join('')}
${valueAxis(scale, slo.unit)}
${timeAxis(time, top, bottom)}
${lines.join('')}
${downsampled ? envelope(runs, time, scale) : ''}
${seriesPath('series series-sli', runs, time, scale)}
</svg>
<figcaption class="legend">${legend.join('')}</figcaption>
</figure>`;
}

// --- the error budget --------------------------------------------------------------------------------------

function budgetChart(slo: HistorySloReport, time: TimeScale): string {
  const { runs, downsampled } = chartRuns(
    slo.series.map((point) => ({ at: Date.parse(point.at), value: point.budgetRemaining })),
  );
  const height = 180;
  const top = 12;
  const bottom = height - 30;
  const values = runs.flat().flatMap((point) => [point.low, point.high]);
  const scale = valueScale([0, 1, ...values], top, bottom, 'percent');
  const zero = scale.y(0);
  const overspent =
    scale.low < 0
      ? rect('budget-negative', plotLeft, zero, plotRight - plotLeft, bottom - zero) +
        (bottom - zero >= 16
          ? `<text class="zone-label" x="${plotLeft + 6}" y="${round(bottom - 5)}">overspent</text>`
          : '')
      : '';
  const last = runs.at(-1)?.at(-1);
  const label =
    `${slo.name}: error budget remaining over time` +
    (last ? `, ${formatValue(last.value, 'percent')} at the end of the period` : '') +
    (values.length > 0 ? `, lowest ${formatValue(Math.min(...values), 'percent')}` : '');
  return `<figure class="chart-figure">
${svgOpen('budget', slo, height, label)}
${rect('plot', plotLeft, top, plotRight - plotLeft, bottom - top)}
${overspent}
${valueAxis(scale, 'percent')}
${timeAxis(time, top, bottom)}
${thresholdLine('line-zero', zero)}
${downsampled ? envelope(runs, time, scale, 'envelope envelope-budget') : ''}
${seriesPath('series series-budget', runs, time, scale)}
</svg>
<figcaption class="legend">${legendLine('budget', 'budget remaining')}${legendLine('zero', 'exhausted (0%)')}${scale.low < 0 ? legendSwatch('budget-negative', 'overspent') : ''}</figcaption>
</figure>`;
}

// --- the alert timeline ------------------------------------------------------------------------------------

function alertTimeline(slo: HistorySloReport, time: TimeScale): string {
  const ribbon = levelIntervals(slo.series);
  const hasLevels = ribbon.some((interval) => interval.level !== 'none');
  if (slo.alerts.length === 0 && !hasLevels) return '<p class="note">No alert in this period.</p>';
  const segments = [...new Set(slo.alerts.map((alert) => alert.segment))].sort((a, b) =>
    a === '' ? -1 : b === '' ? 1 : 0,
  );
  const shown = segments.length > maxLanes ? segments.slice(0, maxLanes - 1) : segments;
  const lanes: Array<{ label: string; title: string }> = [
    ...(ribbon.length > 0 ? [{ label: 'level', title: 'alert level at each evaluation' }] : []),
    ...shown.map((segment) => ({
      label: segment === '' ? 'all' : segment,
      title: segment === '' ? 'the SLO as a whole' : `segment ${segment}`,
    })),
    ...(shown.length < segments.length
      ? [{ label: 'others', title: `${segments.length - shown.length} more segments` }]
      : []),
  ];
  const laneHeight = 26;
  const top = 6;
  const bottom = top + lanes.length * laneHeight;
  const height = bottom + 24;
  const laneOf = (segment: string) => {
    const index = shown.indexOf(segment);
    return (ribbon.length > 0 ? 1 : 0) + (index === -1 ? shown.length : index);
  };
  const laneY = (lane: number) => top + lane * laneHeight + laneHeight / 2;
  const laneParts = lanes.map(
    (lane, index) =>
      `<line class="lane" x1="${plotLeft}" y1="${round(laneY(index))}" x2="${plotRight}" y2="${round(laneY(index))}"/>` +
      `<text class="lane-label" x="${plotLeft - 8}" y="${round(laneY(index) + 4)}"><title>${escapeHtml(lane.title)}</title>${escapeHtml(truncate(lane.label, 9))}</text>`,
  );
  const ribbonParts = ribbon
    .filter((interval) => interval.level !== 'none')
    .map((interval) => {
      const x = time.x(interval.from);
      return (
        `<rect class="ribbon level-${escapeHtml(interval.level)}" x="${round(x)}" y="${round(laneY(0) - 7)}" ` +
        `width="${round(Math.max(1, time.x(interval.to) - x))}" height="14"><title>${escapeHtml(
          `${interval.level} from ${formatTime(new Date(interval.from).toISOString())}`,
        )}</title></rect>`
      );
    });
  const markers = slo.alerts.flatMap((alert) => {
    const at = Date.parse(alert.at);
    if (!Number.isFinite(at)) return [];
    const classes = `marker level-${escapeHtml(alert.level)}${alert.silenced ? ' silenced' : ''}`;
    return [
      `<g class="alert-event" data-kind="${escapeHtml(alert.kind)}" data-level="${escapeHtml(alert.level)}" data-silenced="${alert.silenced}">` +
        `<title>${escapeHtml(alertTitle(alert))}</title>${markerShape(alert.kind, time.x(at), laneY(laneOf(alert.segment)), classes)}</g>`,
    ];
  });
  const silenced = slo.alerts.filter((alert) => alert.silenced).length;
  const label =
    `${slo.name}: alert timeline, ${formatCount(slo.alerts.length)} events` +
    (silenced > 0 ? ` (${formatCount(silenced)} silenced)` : '') +
    (lanes.length > 0 ? ` across ${lanes.map((lane) => lane.label).join(', ')}` : '');
  return `<figure class="chart-figure">
${svgOpen('alerts', slo, height, label)}
${timeAxis(time, top, bottom)}
${laneParts.join('')}
${ribbonParts.join('')}
${markers.join('\n')}
</svg>
<figcaption class="legend">${alertLegend()}</figcaption>
</figure>
${eventList(slo.alerts)}`;
}

function alertTitle(alert: HistoryAlert): string {
  const segment = alert.segment === '' ? '' : ` · segment ${alert.segment}`;
  return `${formatTime(alert.at)}: ${alert.kind} (${alert.level})${segment}${alert.silenced ? ' · silenced' : ''}`;
}

function markerShape(kind: string, x: number, y: number, classes: string): string {
  const at = (dx: number, dy: number) => `${round(x + dx)} ${round(y + dy)}`;
  switch (kind) {
    case 'escalated':
      return `<path class="${classes}" d="M${at(0, -7)}L${at(6.5, 5)}L${at(-6.5, 5)}Z"/>`;
    case 'deescalated':
      return `<path class="${classes}" d="M${at(0, 7)}L${at(6.5, -5)}L${at(-6.5, -5)}Z"/>`;
    case 'resolved':
      return `<rect class="${classes}" x="${round(x - 5)}" y="${round(y - 5)}" width="10" height="10"/>`;
    case 'repeated':
      return `<path class="${classes}" d="M${at(0, -7)}L${at(7, 0)}L${at(0, 7)}L${at(-7, 0)}Z"/>`;
    default:
      return `<circle class="${classes}" cx="${round(x)}" cy="${round(y)}" r="6"/>`;
  }
}

function alertLegend(): string {
  const icon = (kind: string, classes: string) =>
    `<svg class="legend-icon" viewBox="0 0 16 16" aria-hidden="true">${markerShape(kind, 8, 8, classes)}</svg>`;
  const kinds = alertKinds.map(
    (kind) => `<span class="legend-item">${icon(kind, 'marker legend-kind')}${kind}</span>`,
  );
  const levels = markerLevels.map(
    (level) =>
      `<span class="legend-item">${icon('fired', `marker level-${level}`)}${level === 'none' ? 'resolved (none)' : level}</span>`,
  );
  const silenced = `<span class="legend-item">${icon('fired', 'marker level-critical silenced')}silenced (hollow)</span>`;
  return `<span class="legend-group">${kinds.join('')}</span><span class="legend-group">${levels.join('')}${silenced}</span>`;
}

function eventList(alerts: HistoryAlert[]): string {
  if (alerts.length === 0) return '';
  const silenced = alerts.filter((alert) => alert.silenced).length;
  const rows = alerts.map(
    (alert) =>
      `<tr><td>${escapeHtml(formatTime(alert.at))}</td><td>${escapeHtml(alert.kind)}</td>` +
      `<td><span class="level-tag level-${escapeHtml(alert.level)}">${escapeHtml(alert.level)}</span></td>` +
      `<td>${alert.segment === '' ? '<span class="muted">all</span>' : escapeHtml(alert.segment)}</td>` +
      `<td>${alert.silenced ? 'silenced' : ''}</td></tr>`,
  );
  const summary = `${formatCount(alerts.length)} alert event${alerts.length === 1 ? '' : 's'}${silenced > 0 ? `, ${formatCount(silenced)} silenced` : ''}`;
  return `<details class="events"${alerts.length <= 12 ? ' open' : ''}>
<summary>${escapeHtml(summary)}</summary>
<table class="event-list">
<thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Level</th><th scope="col">Segment</th><th scope="col">Silenced</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</details>`;
}

// --- series to geometry ------------------------------------------------------------------------------------

/**
 * Runs of drawable points of a series, oldest first, broken at null values and at gaps over three times the usual
 * step. Past `limit` points the series is averaged into `limit` time slots, keeping each slot's minimum and maximum.
 */
function chartRuns(
  samples: Array<{ at: number; value: number | null }>,
  limit = maxChartPoints,
): { runs: ChartPoint[][]; downsampled: boolean } {
  const sorted = samples.filter((sample) => Number.isFinite(sample.at)).sort((a, b) => a.at - b.at);
  const runs: ChartPoint[][] = [];
  let run: ChartPoint[] = [];
  const cut = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  if (sorted.length <= limit) {
    const gap = 3 * medianStep(sorted.map((sample) => sample.at));
    let previous: number | undefined;
    for (const { at, value } of sorted) {
      if (previous !== undefined && gap > 0 && at - previous > gap) cut();
      previous = at;
      if (isNumber(value)) run.push({ at, value, low: value, high: value });
      else cut();
    }
    cut();
    return { runs, downsampled: false };
  }
  const first = sorted[0]!.at;
  const span = sorted.at(-1)!.at - first;
  const slots = Array.from({ length: limit }, () => ({ sum: 0, count: 0, low: Infinity, high: -Infinity }));
  for (const { at, value } of sorted) {
    if (!isNumber(value)) continue;
    const slot = slots[slotIndex(at, first, span, limit)]!;
    slot.sum += value;
    slot.count++;
    slot.low = Math.min(slot.low, value);
    slot.high = Math.max(slot.high, value);
  }
  slots.forEach((slot, index) => {
    if (slot.count === 0) cut();
    else {
      const at = first + ((index + 0.5) * span) / limit;
      run.push({ at, value: slot.sum / slot.count, low: slot.low, high: slot.high });
    }
  });
  cut();
  return { runs, downsampled: true };
}

/** Stretches of equal alert level over the period, from the level at each evaluation (worst level per slot). */
function levelIntervals(
  series: HistorySloReport['series'],
): Array<{ from: number; to: number; level: AlertLevel }> {
  const points = series
    .map((point) => ({ at: Date.parse(point.at), level: point.level }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.at - b.at);
  if (points.length === 0) return [];
  const first = points[0]!.at;
  const span = points.at(-1)!.at - first;
  let intervals: Array<{ from: number; to: number; level: AlertLevel }>;
  if (points.length <= maxChartPoints) {
    const step = medianStep(points.map((point) => point.at)) || hour;
    intervals = points.map((point, index) => {
      const next = points[index + 1]?.at;
      return {
        from: point.at,
        to: next !== undefined && next - point.at <= 3 * step ? next : point.at + step,
        level: point.level,
      };
    });
  } else {
    const worst: Array<AlertLevel | null> = Array.from({ length: maxChartPoints }, () => null);
    for (const point of points) {
      const index = slotIndex(point.at, first, span, maxChartPoints);
      const current = worst[index];
      if (
        current === null ||
        current === undefined ||
        (alertLevelRank[point.level] ?? 0) > (alertLevelRank[current] ?? 0)
      ) {
        worst[index] = point.level;
      }
    }
    const width = span / maxChartPoints;
    intervals = worst.flatMap((level, index) =>
      level === null ? [] : [{ from: first + index * width, to: first + (index + 1) * width, level }],
    );
  }
  const merged: typeof intervals = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && last.level === interval.level && last.to >= interval.from)
      last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

function slotIndex(at: number, first: number, span: number, count: number): number {
  return span <= 0 ? 0 : Math.min(count - 1, Math.floor(((at - first) / span) * count));
}

function medianStep(times: number[]): number {
  const steps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const step = times[i]! - times[i - 1]!;
    if (step > 0) steps.push(step);
  }
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 0;
}

function seriesPath(classes: string, runs: ChartPoint[][], time: TimeScale, scale: ValueScale): string {
  const path = runs
    .filter((run) => run.length > 1)
    .map((run) =>
      run
        .map(
          (point, index) =>
            `${index === 0 ? 'M' : 'L'}${round(time.x(point.at))} ${round(scale.y(point.value))}`,
        )
        .join(''),
    )
    .join('');
  const dots = runs
    .filter((run) => run.length === 1)
    .map(
      (run) =>
        `<circle class="${classes} dot" cx="${round(time.x(run[0]!.at))}" cy="${round(scale.y(run[0]!.value))}" r="3"/>`,
    );
  return (path === '' ? '' : `<path class="${classes}" d="${path}"/>`) + dots.join('');
}

function envelope(runs: ChartPoint[][], time: TimeScale, scale: ValueScale, classes = 'envelope'): string {
  const path = runs
    .filter((run) => run.length > 1)
    .map((run) => {
      const upper = run.map(
        (point, index) =>
          `${index === 0 ? 'M' : 'L'}${round(time.x(point.at))} ${round(scale.y(point.high))}`,
      );
      const lower = [...run]
        .reverse()
        .map((point) => `L${round(time.x(point.at))} ${round(scale.y(point.low))}`);
      return `${upper.join('')}${lower.join('')}Z`;
    })
    .join('');
  return path === '' ? '' : `<path class="${classes}" d="${path}"/>`;
}

// --- scales and axes ---------------------------------------------------------------------------------------

/** One time axis for every chart of the page, so they line up: the period, widened to any data outside it. */
function timeScale(report: HistoryReport): TimeScale {
  const times = report.slos
    .flatMap((slo) => [...slo.series.map((point) => point.at), ...slo.alerts.map((alert) => alert.at)])
    .map((at) => Date.parse(at))
    .filter(Number.isFinite);
  const bounds = [Date.parse(report.from), Date.parse(report.to)].filter(Number.isFinite);
  let from = Math.min(...bounds, ...times);
  let to = Math.max(...bounds, ...times);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    to = Date.parse(report.generatedAt);
    if (!Number.isFinite(to)) to = 0;
    from = to - day;
  }
  if (to - from < 60_000) {
    from -= 30_000;
    to += 30_000;
  }
  const x = (at: number) => plotLeft + ((clamp(at, from, to) - from) / (to - from)) * (plotRight - plotLeft);
  return { from, to, x };
}

/** A value scale over `values`, padded, never below 0 for units that cannot be negative nor above 100 %. */
function valueScale(values: number[], top: number, bottom: number, unit: DisplayUnit | 'number'): ValueScale {
  let low = Math.min(...values);
  let high = Math.max(...values);
  const dataLow = low;
  const dataHigh = high;
  if (high === low) {
    const pad = Math.abs(low) * 0.1 || 1;
    low -= pad;
    high += pad;
  } else {
    const pad = (high - low) * 0.08;
    low -= pad;
    high += pad;
  }
  if (unit !== 'number' && dataLow >= 0) low = Math.max(low, 0);
  if (unit === 'percent' && dataHigh <= 1) high = Math.min(high, 1);
  const y = (value: number) => bottom - ((clamp(value, low, high) - low) / (high - low)) * (bottom - top);
  return { low, high, y };
}

function valueAxis(scale: ValueScale, unit: DisplayUnit): string {
  const parts: string[] = [];
  let previous = '';
  for (const tick of niceTicks(scale.low, scale.high)) {
    const text = formatValue(tick, unit, true);
    if (text === previous) continue;
    previous = text;
    const y = round(scale.y(tick));
    parts.push(
      `<line class="grid" x1="${plotLeft}" y1="${y}" x2="${plotRight}" y2="${y}"/>` +
        `<text class="tick tick-y" x="${plotLeft - 8}" y="${round(scale.y(tick) + 4)}">${escapeHtml(text)}</text>`,
    );
  }
  return parts.join('');
}

/** Round ticks (1, 2 or 5 times a power of ten apart) inside [low, high]: the widest spacing giving at least 4. */
function niceTicks(low: number, high: number): number[] {
  const range = high - low;
  if (!(range > 0) || !Number.isFinite(range)) return [low];
  const magnitude = 10 ** Math.floor(Math.log10(range));
  const steps = [5, 2, 1, 0.5, 0.2, 0.1, 0.05].map((factor) => factor * magnitude);
  const ticksFor = (step: number) => {
    const ticks: number[] = [];
    for (let index = Math.ceil(low / step - 1e-9); index * step <= high + step * 1e-9; index++) {
      ticks.push(Number((index * step).toPrecision(12)));
    }
    return ticks;
  };
  for (const step of steps) {
    const ticks = ticksFor(step);
    if (ticks.length >= 4) return ticks;
  }
  return ticksFor(steps.at(-1)!);
}

function timeAxis(time: TimeScale, top: number, bottom: number): string {
  const span = time.to - time.from;
  const minute = 60_000;
  const steps = [
    5 * minute,
    15 * minute,
    30 * minute,
    hour,
    2 * hour,
    3 * hour,
    6 * hour,
    12 * hour,
    day,
    2 * day,
    7 * day,
    14 * day,
    28 * day,
  ];
  const step = steps.find((candidate) => span / candidate <= 8) ?? Math.ceil(span / 8 / day) * day;
  const parts: string[] = [];
  for (let tick = Math.ceil(time.from / step) * step; tick <= time.to; tick += step) {
    const x = round(time.x(tick));
    parts.push(
      `<line class="grid grid-x" x1="${x}" y1="${top}" x2="${x}" y2="${bottom}"/>` +
        `<text class="tick tick-x" x="${x}" y="${bottom + 17}">${escapeHtml(timeLabel(tick, step))}</text>`,
    );
  }
  return `<line class="axis" x1="${plotLeft}" y1="${bottom}" x2="${plotRight}" y2="${bottom}"/>${parts.join('')}`;
}

function timeLabel(at: number, step: number): string {
  const date = new Date(at);
  const dayLabel = `${months[date.getUTCMonth()]} ${date.getUTCDate()}`;
  if (step >= day || at % day === 0) return dayLabel;
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}

// --- small SVG and HTML pieces -----------------------------------------------------------------------------

function svgOpen(
  kind: 'sli' | 'budget' | 'alerts',
  slo: HistorySloReport,
  height: number,
  label: string,
): string {
  return (
    `<svg class="chart chart-${kind}" data-chart="${kind}" data-slo="${escapeHtml(slo.name)}" role="img" ` +
    `aria-label="${escapeHtml(label)}" viewBox="0 0 ${chartWidth} ${height}"><title>${escapeHtml(label)}</title>`
  );
}

function rect(classes: string, x: number, y: number, width: number, height: number): string {
  // Rounded corners, not rounded sizes, so adjacent rectangles meet exactly.
  const [left, top, right, bottom] = [x, y, x + Math.max(0, width), y + Math.max(0, height)].map(
    (value) => Math.round(value * 10) / 10,
  ) as [number, number, number, number];
  return `<rect class="${classes}" x="${left}" y="${top}" width="${round(right - left)}" height="${round(bottom - top)}"/>`;
}

function thresholdLine(classes: string, y: number): string {
  return `<line class="${classes}" x1="${plotLeft}" y1="${round(y)}" x2="${plotRight}" y2="${round(y)}"/>`;
}

function legendLine(kind: string, text: string): string {
  return `<span class="legend-item"><svg class="legend-icon" viewBox="0 0 16 16" aria-hidden="true"><line class="legend-${kind}" x1="1" y1="8" x2="15" y2="8"/></svg>${escapeHtml(text)}</span>`;
}

function legendSwatch(classes: string, text: string): string {
  return `<span class="legend-item"><svg class="legend-icon" viewBox="0 0 16 16" aria-hidden="true"><rect class="${classes}" x="1" y="3" width="14" height="10"/></svg>${escapeHtml(text)}</span>`;
}

function truncate(text: string, length: number): string {
  const characters = [...text];
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const styles = `
*{box-sizing:border-box}
body{margin:0;background:#f6f8fa;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:0;word-break:break-word}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#57606a;margin:18px 0 6px}
.page-header{margin-bottom:16px}
.period{color:#57606a;margin:0 0 8px}
.compliance{display:inline-block;font-size:16px;font-weight:600;margin:0;padding:6px 12px;border-radius:6px;background:#eaeef2}
.compliance-full{background:#dafbe1;color:#116329}
.compliance-partial{background:#fff1e5;color:#953800}
table{border-collapse:collapse;width:100%;background:#fff}
.summary{border:1px solid #d0d7de;border-radius:6px;margin-bottom:24px}
.summary th,.summary td{padding:8px 12px;border-bottom:1px solid #d0d7de;text-align:left;white-space:nowrap}
.summary th[scope=row]{font-weight:600;white-space:normal;word-break:break-word}
.summary thead th{background:#f6f8fa;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#57606a}
td.number{text-align:right;font-variant-numeric:tabular-nums}
a{color:#0550ae;text-decoration:none}
a:hover{text-decoration:underline}
.spark{width:120px;height:24px;vertical-align:middle}
.spark path{fill:none;stroke:#2563eb;stroke-width:1.5}
.spark circle{fill:#2563eb}
.status{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:600;background:#eaeef2;color:#57606a}
.status-ok{background:#dafbe1;color:#116329}
.status-at_risk{background:#fff8c5;color:#7d4e00}
.status-warning{background:#ffedd5;color:#9a3412}
.status-critical{background:#ffebe9;color:#a40e26}
.slo{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin-bottom:24px;break-inside:avoid}
.slo-header{display:flex;align-items:center;gap:12px}
.description{margin:6px 0 0;color:#424a53;word-break:break-word}
.facts{display:flex;flex-wrap:wrap;gap:6px 24px;margin:12px 0 0}
.facts div{min-width:90px}
.facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#57606a}
.facts dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums;word-break:break-word}
.chart-figure{margin:0}
.chart{display:block;width:100%;height:auto;font-size:12px;font-family:inherit}
.plot{fill:#fff;stroke:#d0d7de}
.grid{stroke:#eaeef2;stroke-width:1}
.axis{stroke:#8c959f;stroke-width:1}
.tick{fill:#57606a;font-variant-numeric:tabular-nums}
.tick-y{text-anchor:end}
.tick-x{text-anchor:middle}
.band-at_risk{fill:#fde68a;fill-opacity:.35}
.band-warning{fill:#fdba74;fill-opacity:.4}
.band-critical{fill:#fca5a5;fill-opacity:.45}
.line-target{stroke:#1f2328;stroke-width:1.5}
.line-warning{stroke:#d97706;stroke-width:1.25;stroke-dasharray:6 4}
.line-critical{stroke:#dc2626;stroke-width:1.25;stroke-dasharray:6 4}
.line-zero{stroke:#1f2328;stroke-width:1.5}
.series{fill:none;stroke-width:1.75;stroke-linejoin:round;stroke-linecap:round}
.series-sli{stroke:#2563eb}
.series-budget{stroke:#0f766e}
.series.dot{stroke:none}
.series-sli.dot{fill:#2563eb}
.series-budget.dot{fill:#0f766e}
.envelope{fill:#2563eb;fill-opacity:.16;stroke:none}
.envelope-budget{fill:#0f766e}
.budget-negative{fill:#fecaca;fill-opacity:.6}
.zone-label{fill:#a40e26;font-size:11px}
.lane{stroke:#d0d7de;stroke-dasharray:2 3}
.lane-label{fill:#57606a;text-anchor:end;font-size:11px}
.ribbon{fill-opacity:.55}
.marker,.ribbon{stroke-width:1.5}
.level-none{fill:#16a34a;stroke:#16a34a}
.level-warning{fill:#d97706;stroke:#d97706}
.level-ticket{fill:#0284c7;stroke:#0284c7}
.level-critical{fill:#dc2626;stroke:#dc2626}
.level-page{fill:#7c3aed;stroke:#7c3aed}
.ribbon{stroke:none}
.marker.silenced{fill:#fff;stroke-width:2}
.legend-kind{fill:#6e7781;stroke:#6e7781}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;color:#424a53;font-size:12px;margin:4px 0 0 ${(plotLeft / chartWidth) * 100}%}
.legend-group{display:flex;flex-wrap:wrap;gap:4px 14px}
.legend-item{display:inline-flex;align-items:center;gap:5px}
.legend-icon{width:16px;height:16px}
.legend-sli{stroke:#2563eb;stroke-width:2.5}
.legend-budget{stroke:#0f766e;stroke-width:2.5}
.legend-target,.legend-zero{stroke:#1f2328;stroke-width:2}
.legend-warning{stroke:#d97706;stroke-width:2;stroke-dasharray:4 2}
.legend-critical{stroke:#dc2626;stroke-width:2;stroke-dasharray:4 2}
.no-data,.note{color:#57606a;font-style:italic;margin:6px 0}
.no-data{padding:24px;text-align:center;border:1px dashed #d0d7de;border-radius:6px;background:#f6f8fa}
.events{margin-top:8px}
.events summary{cursor:pointer;color:#424a53}
.event-list{margin-top:6px;font-size:13px}
.event-list th,.event-list td{padding:4px 10px;border-bottom:1px solid #eaeef2;text-align:left}
.event-list thead th{color:#57606a;font-weight:600}
.level-tag{display:inline-block;padding:0 8px;border-radius:999px;color:#fff;font-size:12px;font-weight:600;background:#6e7781}
.level-tag.level-none{background:#16a34a}
.level-tag.level-warning{background:#d97706}
.level-tag.level-ticket{background:#0284c7}
.level-tag.level-critical{background:#dc2626}
.level-tag.level-page{background:#7c3aed}
.muted{color:#6e7781}
@media print{body{background:#fff}main{padding:0}.slo{border:0;padding:0}}
`;
