import type { Report } from '@slokit/core/internal';
import { renderMarkdown } from './render-markdown.js';
import { type RenderTableOptions, renderTable } from './render-table.js';

export type ReportFormat = 'table' | 'markdown' | 'json';

/** Renders a report as the terminal dashboard, Markdown, or the stable JSON document. */
export function renderReport(report: Report, format: ReportFormat, options: RenderTableOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(report, options);
    case 'markdown':
      return renderMarkdown(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
