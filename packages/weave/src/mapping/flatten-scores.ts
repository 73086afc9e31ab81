/**
 * Adds a scorer's result to `scores`: a number or boolean under `name`, a dict's number and boolean leaves under
 * dotted names (`exact.correct`, `exact.score`). Anything else (text, lists, null) is not a score and is left out.
 */
export function flattenScores(
  name: string,
  value: unknown,
  scores: Record<string, number | boolean>,
  depth = 0,
): void {
  if (typeof value === 'boolean') scores[name] = value;
  else if (typeof value === 'number') {
    if (Number.isFinite(value)) scores[name] = value;
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 4) {
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      flattenScores(`${name}.${key}`, entry, scores, depth + 1);
    }
  }
}
