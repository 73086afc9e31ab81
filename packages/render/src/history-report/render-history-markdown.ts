import type { HistoryReport } from '@slokit/core/internal';
import { statusLabel } from '../report/status-label.js';
import { historyComplianceLine, historyRows, periodTitle } from './history-rows.js';

/** The period dashboard as Markdown. */
export function renderHistoryMarkdown(report: HistoryReport): string {
  const escapeMarkdown = (text: string) => text.replace(/[\\|`*_[\]<>]/g, (character) => `\\${character}`);
  const lines = [
    `### SLO Dashboard — ${periodTitle(report)}`,
    '',
    `${report.from.slice(0, 16).replace('T', ' ')} to ${report.to.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    '| SLO | Target | Current | Budget left | Trend | Alerts | Status |',
    '| --- | ---: | ---: | ---: | --- | ---: | --- |',
    ...historyRows(report).map(
      (row) =>
        `| **${escapeMarkdown(row.slo.name)}** | ${escapeMarkdown(row.target)} | ${escapeMarkdown(row.current)} | ${row.budget} | ${row.trend} | ${row.alerts} | ${statusLabel(row.slo.status)} |`,
    ),
    '',
    `**${historyComplianceLine(report)}**`,
  ];
  return `${lines.join('\n')}\n`;
}
