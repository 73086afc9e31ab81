import { type DroppedKeys, safeSet } from '@slokit/core';

/**
 * Adds a scorer's result to `scores`: a number or boolean under `name`, a dict's number and boolean leaves under
 * dotted names (`exact.correct`, `exact.score`). Anything else (text, lists, null) is not a score and is left out.
 */
export function flattenScores(
  name: string,
  value: unknown,
  scores: Record<string, number | boolean>,
  dropped?: DroppedKeys,
  depth = 0,
): void {
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    safeSet(scores, name, value, dropped, `scores.${name}`);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 4) {
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      flattenScores(`${name}.${key}`, entry, scores, dropped, depth + 1);
    }
  }
}
