import type { DisplayUnit } from './slo-schema.js';

/** How values of an SLI are shown: a ratio as %, latency in ms or s, cost in $, tokens as counts. */
export function inferUnit(
  measured:
    | { kind: 'ratio' }
    | { kind: 'metric'; name: string; aggregate: string }
    | { kind: 'evalMetric'; name: string },
  target: number,
): DisplayUnit {
  if (measured.kind === 'ratio') return 'percent';
  if (measured.kind === 'metric' && measured.aggregate === 'count') return 'count';
  const name = measured.name.toLowerCase();
  if (/(_ms$|\.ms$|latency_ms|duration_ms|millis)/.test(name)) return 'ms';
  if (/(latency|duration|elapsed|seconds|_s$|ttft|time)/.test(name)) return 's';
  if (/(cost|usd|price|spend)/.test(name)) return 'usd';
  if (/token/.test(name)) return 'count';
  if (/(rate|ratio|fraction|accuracy|percent|share|pass)/.test(name) && target >= 0 && target <= 1)
    return 'percent';
  if ((name.startsWith('scores.') || measured.kind === 'evalMetric') && target >= 0 && target <= 1)
    return 'percent';
  return 'number';
}
