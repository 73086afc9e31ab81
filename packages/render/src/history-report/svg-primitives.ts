import type { HistorySloReport } from '@slokit/core/internal';
import { escapeHtml } from '../report/escape-html.js';
import { chartWidth, plotLeft, plotRight } from './chart-layout.js';

/** A coordinate to one decimal, as every chart writes them. */
export function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The opening tag of a chart, labelled for assistive technology; the caller closes it. */
export function svgOpen(
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

export function rect(classes: string, x: number, y: number, width: number, height: number): string {
  // Rounded corners, not rounded sizes, so adjacent rectangles meet exactly.
  const [left, top, right, bottom] = [x, y, x + Math.max(0, width), y + Math.max(0, height)].map(
    (value) => Math.round(value * 10) / 10,
  ) as [number, number, number, number];
  return `<rect class="${classes}" x="${left}" y="${top}" width="${round(right - left)}" height="${round(bottom - top)}"/>`;
}

/** A horizontal line across the plot area. */
export function thresholdLine(classes: string, y: number): string {
  return `<line class="${classes}" x1="${plotLeft}" y1="${round(y)}" x2="${plotRight}" y2="${round(y)}"/>`;
}

export function legendLine(kind: string, text: string): string {
  return `<span class="legend-item"><svg class="legend-icon" viewBox="0 0 16 16" aria-hidden="true"><line class="legend-${kind}" x1="1" y1="8" x2="15" y2="8"/></svg>${escapeHtml(text)}</span>`;
}

export function legendSwatch(classes: string, text: string): string {
  return `<span class="legend-item"><svg class="legend-icon" viewBox="0 0 16 16" aria-hidden="true"><rect class="${classes}" x="1" y="3" width="14" height="10"/></svg>${escapeHtml(text)}</span>`;
}
