import { formatCount, formatTime, type Report } from '@slokit/core/internal';
import { complianceLine, reportColumns, reportRows } from './report-rows.js';
import { terminalText } from './terminal-text.js';

/** Markdown for a PR comment or $GITHUB_STEP_SUMMARY. */
export function renderMarkdown(report: Report): string {
  const rows = reportRows(report);
  const columns = reportColumns(rows);
  const headers = columns.headers;
  const lines = [
    `### SLO report — window ending ${formatTime(report.at)}`,
    '',
    `| ${headers.join(' | ')} |`,
    `|${headers.map((_, index) => (index === 0 || index === headers.length - 1 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const row of rows) {
    const name = row.segment ? `↳ ${escapeCell(row.name)}` : `**${escapeCell(row.name)}**`;
    const cells = columns.cells(row, name);
    lines.push(`| ${cells.map((cell, index) => (index === 0 ? cell : escapeCell(cell))).join(' | ')} |`);
  }
  lines.push('', `**${complianceLine(report)}**`);
  const skipped = report.sources.filter((source) => source.skipped > 0);
  for (const source of skipped) {
    lines.push(
      '',
      `> ⚠️ Skipped ${formatCount(source.skipped)} invalid record(s) from source \`${source.name}\`.`,
    );
  }
  const runbooks = report.slos.filter((slo) => slo.runbook !== null && slo.status !== 'ok');
  if (runbooks.length > 0) {
    lines.push('', 'Runbooks:', ...runbooks.map((slo) => `- ${escapeCell(slo.name)}: <${slo.runbook}>`));
  }
  return `${lines.join('\n')}\n`;
}

/** Keeps user text from breaking the table, injecting Markdown/HTML or reaching a terminal as control sequences. */
function escapeCell(text: string): string {
  return terminalText(text.replace(/[\\|`*_[\]<>]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' '));
}
