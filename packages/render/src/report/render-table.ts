import { formatCount, formatTime, type Report, type SloStatus } from '@slokit/core/internal';
import { displayWidth, padEnd } from './display-width.js';
import { complianceLine, reportColumns, reportRows } from './report-rows.js';
import { terminalText } from './terminal-text.js';

export interface RenderTableOptions {
  /** ANSI colours; the CLI turns them on for a TTY only. */
  color?: boolean;
}

const statusColors: Record<SloStatus, string> = {
  ok: '32',
  at_risk: '33',
  warning: '33;1',
  critical: '31;1',
  no_data: '2',
  insufficient_data: '2',
};

/** The terminal dashboard. */
export function renderTable(report: Report, options: RenderTableOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const rows = reportRows(report);
  const columns = reportColumns(rows);
  const headers = columns.headers;
  const cells = rows.map((row) =>
    columns.cells(row, row.segment ? `  └ ${row.name}` : row.name).map(terminalText),
  );
  const widths = headers.map((header, column) =>
    Math.max(displayWidth(header), ...cells.map((line) => displayWidth(line[column]!))),
  );
  const formatLine = (line: string[]) =>
    line
      .map((cell, column) => (column === line.length - 1 ? cell : padEnd(cell, widths[column]!)))
      .join(' │ ')
      .trimEnd();
  const ruleWidth = widths.reduce((sum, width) => sum + width, 0) + 3 * (widths.length - 1);
  const rule = '─'.repeat(ruleWidth);

  const lines = [
    `SLO Dashboard - window ending ${formatTime(report.at)}`,
    rule,
    paint('1', formatLine(headers)),
    rule,
  ];
  cells.forEach((line, index) => {
    const row = rows[index]!;
    const text = formatLine(line);
    lines.push(row.status === 'ok' || !options.color ? text : paint(statusColors[row.status], text));
  });
  lines.push(rule, complianceLine(report));

  for (const source of report.sources) {
    if (source.skipped === 0) continue;
    lines.push(
      paint(
        '33',
        `Skipped ${formatCount(source.skipped)} invalid record(s) from source '${terminalText(source.name)}' (use --strict to fail instead):`,
      ),
    );
    for (const issue of source.issues.slice(0, 5)) {
      lines.push(
        terminalText(
          `  ${issue.location}${issue.line === undefined ? '' : `:${issue.line}`}: ${issue.message}`,
        ),
      );
    }
    if (source.skipped > 5)
      lines.push(`  ... and ${formatCount(source.skipped - 5)} more (see --format json)`);
  }
  const notes = report.slos.flatMap((slo) => slo.notes.map((note) => terminalText(`  ${slo.name}: ${note}`)));
  if (notes.length > 0) lines.push(paint('2', 'Notes:'), ...notes.map((note) => paint('2', note)));
  return `${lines.join('\n')}\n`;
}
