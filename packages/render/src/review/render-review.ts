import { formatValue, type ResolvedConfig, type ReviewReport } from '@slokit/core/internal';
import { terminalText } from '../report/terminal-text.js';

/** The text `slokit review` prints: each SLO's period, its alerts and budget, and the thresholds worth changing. */
export function renderReview(review: ReviewReport, config: ResolvedConfig): string {
  const lines = [`SLO review, ${review.from.slice(0, 10)} to ${review.to.slice(0, 10)}`, ''];
  const diff: string[] = [];
  for (const entry of review.slos) {
    const slo = config.slos.find((candidate) => candidate.name === entry.name)!;
    const show = (value: number) => formatValue(value, slo.unit, true);
    lines.push(
      `${terminalText(entry.name)}  (${entry.evaluations} evaluations; ${entry.verdict.replace('-', ' ')})`,
    );
    if (entry.distribution) {
      const { min, p10, p50, p90, max } = entry.distribution;
      lines.push(
        `  SLI: min ${show(min)}, p10 ${show(p10)}, median ${show(p50)}, p90 ${show(p90)}, max ${show(max)}; target ${show(slo.objective.target)}, met in ${formatValue(entry.metTarget, 'percent')} of evaluations`,
      );
    }
    const fired = Object.entries(entry.levels)
      .filter(([, level]) => level.fired > 0 || level.timeMs > 0)
      .map(([name, level]) => `${name} ${level.fired}x for ${formatHours(level.timeMs)}`);
    lines.push(`  alerts: ${fired.length === 0 ? 'none' : fired.join(', ')}`);
    if (entry.budget)
      lines.push(
        `  budget left: ${formatValue(entry.budget.first, 'percent')} -> ${formatValue(entry.budget.last, 'percent')}`,
      );
    for (const note of entry.notes) lines.push(`  note: ${terminalText(note)}`);
    if (entry.suggestedWarning !== null) {
      const index = config.slos.indexOf(slo);
      diff.push(`  slos[${index}] (${slo.name}).objective:`);
      if (slo.objective.warning !== undefined) diff.push(`-   warning: ${slo.objective.warning}`);
      diff.push(
        `+   warning: ${entry.suggestedWarning}    # would have fired on the worst ${Math.round(review.worstShare * 100)} % of evaluations`,
      );
    }
    lines.push('');
  }
  if (diff.length > 0)
    lines.push(`Suggested changes to ${config.file ?? 'the config'} (review before applying):`, ...diff);
  else lines.push('No threshold changes suggested.');
  return `${lines.join('\n')}\n`;
}

function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 1
    ? `${Math.round(ms / 60_000)}m`
    : hours < 48
      ? `${hours.toFixed(1)}h`
      : `${(hours / 24).toFixed(1)}d`;
}
