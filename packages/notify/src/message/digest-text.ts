import { type DigestBatch, formatValue, type HistorySloReport } from '@slokit/core';

const statusEmojis: Record<string, string> = {
  ok: '✅',
  at_risk: '⚠️',
  warning: '🟠',
  critical: '🔴',
  no_data: '⚪',
  insufficient_data: '⚪',
};

const opSymbols = { gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;

/** `SLO report 2026-11-25 (UTC): 3 of 8 SLOs met`. */
export function digestTitle(digest: DigestBatch): string {
  const { report } = digest;
  const day = digest.from.slice(0, 10);
  const last = new Date(Date.parse(digest.to) - 1).toISOString().slice(0, 10);
  const period = day === last ? day : `${day} – ${last}`;
  const met =
    report.complianceCounts.counted === 0
      ? 'no SLO had data'
      : `${report.complianceCounts.met} of ${report.complianceCounts.counted} SLOs met`;
  return `${digest.test ? '[TEST] ' : ''}SLO report ${period} (UTC): ${met}`;
}

/** `🔴 success-rate: 97.7% vs ≥ 99% (critical), 12% of the budget left, 3 alerts`. */
export function digestLine(slo: HistorySloReport): string {
  const emoji = statusEmojis[slo.status] ?? '•';
  const budget =
    slo.budgetRemaining === null
      ? ''
      : slo.budgetRemaining <= 0
        ? ', error budget spent'
        : `, ${formatValue(slo.budgetRemaining, 'percent')} of the budget left`;
  const alerts = slo.alerts.filter((alert) => !alert.silenced).length;
  return `${emoji} ${slo.name}: ${formatValue(slo.value, slo.unit)} vs ${opSymbols[slo.op]} ${formatValue(slo.target, slo.unit, true)} (${slo.status.replace('_', ' ')})${budget}${alerts > 0 ? `, ${alerts} alert${alerts === 1 ? '' : 's'}` : ''}`;
}
