import type { SourceDiscovery } from '@slokit/core';

/** An SLO that what a source holds suggests, in the shape a config takes. */
export interface SuggestedSlo {
  name: string;
  /** What it rests on, for choosing a few: the records' latency, status, a score, cost, or an eval metric. */
  basis: 'latency' | 'availability' | 'score' | 'cost' | 'eval';
  sli:
    | { metric: string; aggregate: string }
    | { ratio: { good: { field: string; equals: string | boolean } } }
    | { evalMetric: string };
  objective: { op?: 'gte' | 'lte'; target: number };
  window?: string;
  groupBy?: string;
}

/**
 * The SLOs worth starting with on what `discover` found: P95 latency (per model when a metadata key looks like
 * one), availability, each score (ratios for booleans, lower-is-better for toxicity-like keys), cost, and each
 * eval metric, with targets to adjust.
 */
export function suggestSlos(found: SourceDiscovery, evalMetrics: string[]): SuggestedSlo[] {
  const suggestions: SuggestedSlo[] = [];
  const groupKey = found.metadata.find(
    (key) =>
      key.kind === 'string' &&
      key.distinct !== undefined &&
      key.distinct >= 2 &&
      key.distinct <= 20 &&
      /model/i.test(key.key),
  );
  if (found.withLatency > 0) {
    suggestions.push({
      name: 'p95-latency',
      basis: 'latency',
      sli: { metric: 'latency_ms', aggregate: 'p95' },
      objective: { op: 'lte', target: 3000 },
      window: '1h',
      ...(groupKey ? { groupBy: `metadata.${groupKey.key}` } : {}),
    });
  }
  if (found.records > 0) {
    suggestions.push({
      name: 'availability',
      basis: 'availability',
      sli: { ratio: { good: { field: 'status', equals: 'success' } } },
      objective: { op: 'gte', target: 0.995 },
      window: '30d',
    });
  }
  for (const score of found.scores.slice(0, 5)) {
    const scoreSlo = suggestScoreSlo(score);
    if (scoreSlo) suggestions.push(scoreSlo);
  }
  if (found.withCost > 0) {
    suggestions.push({
      name: 'cost-per-query',
      basis: 'cost',
      sli: { metric: 'cost_usd', aggregate: 'mean' },
      objective: { op: 'lte', target: 0.05 },
      window: '1d',
    });
  }
  for (const metric of evalMetrics.slice(0, 5)) {
    suggestions.push({
      name: `eval-${metric.replace(/[^\w.-]/g, '-')}`,
      basis: 'eval',
      sli: { evalMetric: metric },
      objective: { target: 0.8 },
    });
  }
  return suggestions;
}

function suggestScoreSlo(score: SourceDiscovery['scores'][number]): SuggestedSlo | undefined {
  const name = score.key.replace(/[^\w.-]/g, '-');
  const field = `scores.${score.key}`;
  if (score.kind === 'boolean') {
    return {
      name,
      basis: 'score',
      sli: { ratio: { good: { field, equals: true } } },
      objective: { op: 'gte', target: 0.9 },
      window: '1h',
    };
  }
  if (score.kind !== 'number') return undefined;
  if (/(toxic|hallucinat|bias|pii|jailbreak)/i.test(score.key)) {
    return {
      name,
      basis: 'score',
      sli: { metric: field, aggregate: 'mean' },
      objective: { op: 'lte', target: 0.05 },
      window: '1h',
    };
  }
  const target =
    score.max !== undefined && score.max <= 1
      ? 0.8
      : Number((((score.min ?? 0) + (score.max ?? 0)) / 2).toPrecision(2));
  return {
    name,
    basis: 'score',
    sli: { metric: field, aggregate: 'mean' },
    objective: { target },
    window: '1h',
  };
}
