import { formatCount, formatTime, type HistoryAlert } from '@slokit/core/internal';
import { escapeHtml } from '../report/escape-html.js';

/** Every alert event of the period as a table under the timeline, folded when there are many. */
export function alertEventList(alerts: HistoryAlert[]): string {
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
