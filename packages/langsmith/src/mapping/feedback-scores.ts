import { type DroppedKeys, safeSet } from '@slokit/core';

/**
 * A run's `feedback_stats` (`{ key: { n, avg, ... } }`) as record scores: each key's average score. Keys with only
 * categorical values (no numeric average) are left out. Boolean feedback reads as 1/0: LangSmith averages it.
 */
export function feedbackScores(stats: unknown, dropped?: DroppedKeys): Record<string, number> | undefined {
  if (stats === null || typeof stats !== 'object') return undefined;
  const scores: Record<string, number> = {};
  let found = false;
  for (const [key, stat] of Object.entries(stats)) {
    const average = stat !== null && typeof stat === 'object' ? (stat as { avg?: unknown }).avg : undefined;
    if (
      typeof average === 'number' &&
      Number.isFinite(average) &&
      safeSet(scores, key, average, dropped, `scores.${key}`)
    )
      found = true;
  }
  return found ? scores : undefined;
}
