import type { SuggestedSlo } from '../discovery/suggest-slos.js';

const mostStarters = 5;

/** The order in which kinds of SLO make the cut: what every app watches first, then its own quality signals. */
const firstOfEach: SuggestedSlo['basis'][] = ['availability', 'latency', 'eval', 'score', 'cost'];

/**
 * Up to five of the suggestions, one of each kind first (availability, P95 latency, an eval metric, a score,
 * cost), then more eval metrics and scores, in the order `discover` lists them.
 */
export function chooseStarterSlos(suggestions: SuggestedSlo[]): SuggestedSlo[] {
  const chosen = new Set<SuggestedSlo>();
  for (const basis of firstOfEach) {
    const first = suggestions.find((slo) => slo.basis === basis);
    if (first) chosen.add(first);
  }
  for (const slo of suggestions) {
    if (chosen.size >= mostStarters) break;
    if (slo.basis === 'eval' || slo.basis === 'score') chosen.add(slo);
  }
  // In the order discover prints them.
  return suggestions.filter((slo) => chosen.has(slo)).slice(0, mostStarters);
}

/** The starters when the source could not be read yet: the SLOs most LLM apps keep, to adjust. */
export const genericStarterSlos: SuggestedSlo[] = [
  {
    name: 'accuracy',
    basis: 'score',
    sli: { metric: 'scores.accuracy', aggregate: 'mean' },
    objective: { op: 'gte', target: 0.9 },
    window: '1h',
  },
  {
    name: 'p95-latency',
    basis: 'latency',
    sli: { metric: 'latency_ms', aggregate: 'p95' },
    objective: { op: 'lte', target: 2000 },
    window: '1h',
  },
  {
    name: 'availability',
    basis: 'availability',
    sli: { ratio: { good: { field: 'status', equals: 'success' } } },
    objective: { op: 'gte', target: 0.995 },
    window: '30d',
  },
  {
    name: 'cost-per-query',
    basis: 'cost',
    sli: { metric: 'cost_usd', aggregate: 'mean' },
    objective: { op: 'lte', target: 0.05 },
    window: '1d',
  },
];
