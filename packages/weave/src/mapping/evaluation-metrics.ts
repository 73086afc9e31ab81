import { safeSet } from '@slokit/core';

/**
 * The `evalMetric`s of an evaluation: every number in the `Evaluation.evaluate` call's output under its dotted path
 * (`helpfulness.mean`, `exact.correct.true_fraction`, `model_latency.mean` in seconds, as the SDK wrote it).
 * Booleans count as 1 and 0; null (a NaN the server could not store) stays null; text and lists are left out.
 */
export function evaluationMetrics(output: unknown): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  collect(output, '', metrics, 0);
  return metrics;
}

function collect(value: unknown, path: string, metrics: Record<string, number | null>, depth: number): void {
  if (typeof value === 'number') safeSet(metrics, path, Number.isFinite(value) ? value : null);
  else if (typeof value === 'boolean') safeSet(metrics, path, value ? 1 : 0);
  else if (value === null) {
    if (path !== '') safeSet(metrics, path, null);
  } else if (typeof value === 'object' && !Array.isArray(value) && depth < 6) {
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      collect(entry, path === '' ? key : `${path}.${key}`, metrics, depth + 1);
    }
  }
}
