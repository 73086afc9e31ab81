import { formatOp, formatValue, type HistoryReport, type HistorySloReport } from '@slokit/core/internal';
import { sparkline } from './sparkline.js';

export interface HistoryRow {
  slo: HistorySloReport;
  target: string;
  current: string;
  budget: string;
  trend: string;
  alerts: string;
}

/** The rows of the period dashboard, shared by the table and Markdown renderers. */
export function historyRows(report: HistoryReport): HistoryRow[] {
  return report.slos.map((slo) => {
    const fired = slo.alerts.filter((alert) => alert.kind === 'fired' || alert.kind === 'escalated').length;
    return {
      slo,
      target: `${formatOp(slo.op)} ${formatValue(slo.target, slo.unit, true)}`,
      current: formatValue(slo.value, slo.unit),
      budget: slo.budgetRemaining === null ? '' : formatValue(slo.budgetRemaining, 'percent'),
      trend: sparkline(slo.series.map((point) => point.value)),
      alerts: fired === 0 ? '' : String(fired),
    };
  });
}

export function historyComplianceLine(report: HistoryReport): string {
  if (report.compliance === null) return 'Overall SLO Compliance: n/a (no SLO has enough data)';
  const { met, counted } = report.complianceCounts;
  return `Overall SLO Compliance: ${Math.round(report.compliance * 100)}% (${met} of ${counted})`;
}

export function periodTitle(report: HistoryReport): string {
  return `Last ${report.days} Day${report.days === 1 ? '' : 's'}`;
}
