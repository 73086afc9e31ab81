import type { SloStatus } from '@slokit/core/internal';

export const statusLabels: Record<SloStatus, { icon: string; text: string }> = {
  ok: { icon: '✅', text: 'ok' },
  at_risk: { icon: '⚠️', text: 'at risk' },
  warning: { icon: '🟠', text: 'warning' },
  critical: { icon: '🔴', text: 'critical' },
  no_data: { icon: '⚪', text: 'no data' },
  insufficient_data: { icon: '⚪', text: 'insufficient data' },
};

export function statusLabel(status: SloStatus): string {
  const label = statusLabels[status];
  return `${label.icon} ${label.text}`;
}
