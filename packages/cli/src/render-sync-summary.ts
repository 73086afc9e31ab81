import { type AlertEvent, formatValue, type Report, type SyncResult } from '@slokit/core';
import { renderTable, terminalText } from '@slokit/render';

const levelIcons: Record<string, string> = {
  warning: '🟠',
  ticket: '🎫',
  critical: '🔴',
  page: '📟',
  none: '✅',
};

/**
 * The one-screen summary `slokit sync` prints after a cycle. Source errors, segments and publish errors come from
 * data and trackers: each line passes `terminalText`, and the table sanitizes its own cells.
 */
export function renderSyncSummary(result: SyncResult, options: { color: boolean }): string {
  return [...sourceLines(result), '', renderTable(syncReport(result), { color: options.color }).trimEnd()]
    .concat(afterTableLines(result))
    .join('\n')
    .concat('\n');
}

function sourceLines(result: SyncResult): string[] {
  const lines: string[] = [];
  const mode = result.dryRun ? ' (dry run: nothing written)' : '';
  lines.push(`Sync at ${result.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${mode}`);
  for (const source of result.sources) {
    if (source.ownedElsewhere) {
      lines.push(`  ${source.name}: synced by another worker`);
      continue;
    }
    const status =
      source.error !== null
        ? `FAILED: ${source.error}`
        : `${source.counted.toLocaleString('en-US')} new record(s)`;
    const details =
      source.error !== null
        ? ''
        : ` (read ${source.read.toLocaleString('en-US')}, ${source.duplicates.toLocaleString('en-US')} already counted${source.skipped > 0 ? `, ${source.skipped} skipped` : ''})`;
    lines.push(`  ${source.name}: ${status}${details}`);
  }
  return lines.map(terminalText);
}

function syncReport(result: SyncResult): Report {
  return {
    schemaVersion: 1,
    checkId: result.cycleId,
    generatedAt: result.at,
    at: result.at,
    slos: result.slos,
    compliance: result.compliance,
    complianceCounts: result.complianceCounts,
    sources: [],
  };
}

function afterTableLines(result: SyncResult): string[] {
  const lines: string[] = [];
  const budgets = result.slos.filter((slo) => slo.budget !== null);
  if (budgets.length > 0) {
    lines.push('', 'Error budgets:');
    for (const slo of budgets) {
      const budget = slo.budget!;
      const left = budget.remaining === null ? 'spent' : `${formatValue(budget.remaining, 'percent')} left`;
      const burning = slo.burnRates
        .map(
          (burn) =>
            `${burn.long}/${burn.short} ${formatRate(burn.longRate)}/${formatRate(burn.shortRate)} (>${burn.factor}x ${burn.level})${burn.firing ? ' FIRING' : ''}`,
        )
        .join('; ');
      const exhausts =
        budget.exhaustsAt === null
          ? ''
          : `, exhausted in ${formatSpan(budget.exhaustsAt - Date.parse(result.at))} at this rate`;
      lines.push(
        `  ${slo.name}: ${left} over ${slo.window} (${budget.method})${exhausts}${burning ? `; burn ${burning}` : ''}`,
      );
    }
  }
  lines.push('', result.events.length === 0 ? 'No alert events.' : `Alert events (${result.events.length}):`);
  for (const event of result.events) lines.push(`  ${describeEvent(event)}`);
  for (const publish of result.published) {
    lines.push(
      publish.error === null
        ? `Published ${publish.published} result(s) to ${publish.target}`
        : `Publishing to ${publish.source} FAILED: ${publish.error}`,
    );
  }
  return lines.map(terminalText);
}

export function describeEvent(event: AlertEvent): string {
  const icon = levelIcons[event.level] ?? '•';
  const subject =
    event.segment === '' ? event.slo : `${event.slo} [${event.groupBy ?? 'segment'}=${event.segment}]`;
  const value = formatValue(event.value, event.unit);
  const target = `${{ gte: '≥', gt: '>', lte: '≤', lt: '<' }[event.op]} ${formatValue(event.target, event.unit, true)}`;
  const what =
    event.kind === 'resolved'
      ? `resolved (was ${event.previousLevel})`
      : event.kind === 'deescalated'
        ? `de-escalated ${event.previousLevel} -> ${event.level}`
        : event.kind === 'escalated'
          ? `escalated ${event.previousLevel} -> ${event.level}`
          : `${event.kind} ${event.level}`;
  const silenced = event.silencedBy ? ` [silenced: ${event.silencedBy}]` : '';
  return `${icon} ${subject}: ${what}; ${value} vs ${target}${event.window ? ` over ${event.window}` : ''}${silenced}`;
}

function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate.toFixed(rate >= 10 ? 0 : 1)}x`;
}

function formatSpan(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))}m`;
  if (hours < 48) return `${hours.toFixed(1)}h`;
  return `${(hours / 24).toFixed(1)}d`;
}
