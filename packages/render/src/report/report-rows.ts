import {
  formatCount,
  formatOp,
  formatValue,
  type Report,
  type SegmentReport,
  type SloReport,
} from '@slokit/core/internal';
import { statusLabel } from './status-label.js';

/** One line of the dashboard: an SLO, or one of its segments. */
export interface ReportRow {
  slo: SloReport;
  segment: SegmentReport | null;
  name: string;
  target: string;
  current: string;
  samples: string;
  window: string;
  budget: string;
  status: SloReport['status'];
}

/** The dashboard's rows, shared by the table and Markdown renderers. */
export function reportRows(report: Report): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const slo of report.slos) {
    const target = `${formatOp(slo.op)} ${formatValue(slo.target, slo.unit, true)}`;
    rows.push({
      slo,
      segment: null,
      name: slo.name,
      target,
      current: formatValue(slo.value, slo.unit),
      samples: formatCount(slo.samples),
      window: slo.window ?? 'all',
      budget: formatBudget(slo.errorBudget?.remaining, slo.errorBudget !== null),
      status: slo.status,
    });
    for (const segment of slo.segments ?? []) {
      rows.push({
        slo,
        segment,
        name: segment.key,
        target: '',
        current: formatValue(segment.value, slo.unit),
        samples: formatCount(segment.samples),
        window: '',
        budget: formatBudget(segment.errorBudget?.remaining, segment.errorBudget !== null),
        status: segment.status,
      });
    }
  }
  return rows;
}

function formatBudget(remaining: number | null | undefined, present: boolean): string {
  if (!present) return '';
  if (remaining === null || remaining === undefined) return 'spent';
  // Past 100 % either way the decimals are noise: -1,804.76 % reads better as -1,805 %.
  return Math.abs(remaining) >= 1
    ? `${formatCount(Math.round(remaining * 100))}%`
    : formatValue(remaining, 'percent');
}

export function complianceLine(report: Report): string {
  const { met, counted } = report.complianceCounts;
  if (report.compliance === null) return 'Overall SLO compliance: n/a (no SLO has enough data)';
  return `Overall SLO compliance: ${Math.round(report.compliance * 100)}% (${met} of ${counted})`;
}

/** The dashboard's column headers and one row's cells, shared by the table and Markdown renderers. */
export function reportColumns(rows: ReportRow[]) {
  const showBudget = rows.some((row) => row.budget !== '');
  const headers = [
    'SLO',
    'Target',
    'Current',
    'Samples',
    'Window',
    ...(showBudget ? ['Budget left'] : []),
    'Status',
  ];
  const cells = (row: ReportRow, name: string) => [
    name,
    row.target,
    row.current,
    row.samples,
    row.window,
    ...(showBudget ? [row.budget] : []),
    statusLabel(row.status),
  ];
  return { headers, cells };
}
