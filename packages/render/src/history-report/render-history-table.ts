import type { HistoryReport } from '@slokit/core/internal';
import { displayWidth, padEnd } from '../report/display-width.js';
import { statusLabels } from '../report/status-label.js';
import { terminalText } from '../report/terminal-text.js';
import { historyComplianceLine, historyRows, periodTitle } from './history-rows.js';

/** The period dashboard for a terminal. */
export function renderHistoryTable(report: HistoryReport): string {
  const rows = historyRows(report);
  const headers = ['SLO', 'Target', 'Current', 'Budget left', 'Trend', 'Alerts', 'Status'];
  const cells = rows.map((row) =>
    [
      row.slo.name,
      row.target,
      row.current,
      row.budget,
      row.trend,
      row.alerts,
      `${statusLabels[row.slo.status].icon} ${statusLabels[row.slo.status].text}`,
    ].map(terminalText),
  );
  const widths = headers.map((header, column) =>
    Math.max(displayWidth(header), ...cells.map((line) => displayWidth(line[column]!))),
  );
  const format = (line: string[]) =>
    line
      .map((cell, column) => (column === line.length - 1 ? cell : padEnd(cell, widths[column]!)))
      .join(' │ ')
      .trimEnd();
  const rule = '─'.repeat(widths.reduce((sum, width) => sum + width, 0) + 3 * (widths.length - 1));
  const lines = [
    `SLO Dashboard - ${periodTitle(report)}`,
    rule,
    format(headers),
    rule,
    ...cells.map(format),
    rule,
    historyComplianceLine(report),
  ];
  return `${lines.join('\n')}\n`;
}
