import { formatCount, formatTime, type HistoryAlert, type HistorySloReport } from '@slokit/core/internal';
import { escapeHtml } from '../report/escape-html.js';
import { alertEventList } from './alert-event-list.js';
import { type AlertLane, alertLanes } from './alert-lanes.js';
import { alertLegend, markerShape } from './alert-markers.js';
import { timeAxis } from './chart-axes.js';
import { plotLeft, plotRight } from './chart-layout.js';
import type { TimeScale } from './chart-scales.js';
import { type LevelInterval, levelIntervals } from './level-intervals.js';
import { round, svgOpen } from './svg-primitives.js';

const laneHeight = 26;
const top = 6;

/** The alert level over the period as a ribbon, and each alert event as a marker in its segment's lane. */
export function alertTimeline(slo: HistorySloReport, time: TimeScale): string {
  const ribbon = levelIntervals(slo.series);
  const hasLevels = ribbon.some((interval) => interval.level !== 'none');
  if (slo.alerts.length === 0 && !hasLevels) return '<p class="note">No alert in this period.</p>';
  const { lanes, laneOf } = alertLanes(slo.alerts, ribbon.length > 0);
  const bottom = top + lanes.length * laneHeight;
  const height = bottom + 24;
  const laneY = (lane: number) => top + lane * laneHeight + laneHeight / 2;
  return `<figure class="chart-figure">
${svgOpen('alerts', slo, height, timelineLabel(slo, lanes))}
${timeAxis(time, top, bottom)}
${lanes.map((lane, index) => laneLine(lane, laneY(index))).join('')}
${ribbonRects(ribbon, time, laneY(0)).join('')}
${eventMarkers(slo.alerts, time, (segment) => laneY(laneOf(segment))).join('\n')}
</svg>
<figcaption class="legend">${alertLegend()}</figcaption>
</figure>
${alertEventList(slo.alerts)}`;
}

function timelineLabel(slo: HistorySloReport, lanes: AlertLane[]): string {
  const silenced = slo.alerts.filter((alert) => alert.silenced).length;
  return (
    `${slo.name}: alert timeline, ${formatCount(slo.alerts.length)} events` +
    (silenced > 0 ? ` (${formatCount(silenced)} silenced)` : '') +
    (lanes.length > 0 ? ` across ${lanes.map((lane) => lane.label).join(', ')}` : '')
  );
}

function laneLine(lane: AlertLane, y: number): string {
  return (
    `<line class="lane" x1="${plotLeft}" y1="${round(y)}" x2="${plotRight}" y2="${round(y)}"/>` +
    `<text class="lane-label" x="${plotLeft - 8}" y="${round(y + 4)}"><title>${escapeHtml(lane.title)}</title>${escapeHtml(truncate(lane.label, 9))}</text>`
  );
}

/** The stretches above level none, coloured by level, along the ribbon's lane. */
function ribbonRects(ribbon: LevelInterval[], time: TimeScale, y: number): string[] {
  return ribbon
    .filter((interval) => interval.level !== 'none')
    .map((interval) => {
      const x = time.x(interval.from);
      return (
        `<rect class="ribbon level-${escapeHtml(interval.level)}" x="${round(x)}" y="${round(y - 7)}" ` +
        `width="${round(Math.max(1, time.x(interval.to) - x))}" height="14"><title>${escapeHtml(
          `${interval.level} from ${formatTime(new Date(interval.from).toISOString())}`,
        )}</title></rect>`
      );
    });
}

function eventMarkers(
  alerts: HistoryAlert[],
  time: TimeScale,
  laneYOf: (segment: string) => number,
): string[] {
  return alerts.flatMap((alert) => {
    const at = Date.parse(alert.at);
    if (!Number.isFinite(at)) return [];
    const classes = `marker level-${escapeHtml(alert.level)}${alert.silenced ? ' silenced' : ''}`;
    return [
      `<g class="alert-event" data-kind="${escapeHtml(alert.kind)}" data-level="${escapeHtml(alert.level)}" data-silenced="${alert.silenced}">` +
        `<title>${escapeHtml(alertTitle(alert))}</title>${markerShape(alert.kind, time.x(at), laneYOf(alert.segment), classes)}</g>`,
    ];
  });
}

function alertTitle(alert: HistoryAlert): string {
  const segment = alert.segment === '' ? '' : ` · segment ${alert.segment}`;
  return `${formatTime(alert.at)}: ${alert.kind} (${alert.level})${segment}${alert.silenced ? ' · silenced' : ''}`;
}

function truncate(text: string, length: number): string {
  const characters = [...text];
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}
