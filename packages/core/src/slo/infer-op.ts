import type { ComparisonOp } from './slo-schema.js';

export interface InferredOp {
  op: ComparisonOp;
  reason: string;
}

const lowerIsBetterName =
  /(latency|duration|elapsed|time|ttft|_ms$|_s$|seconds|cost|price|usd|spend|token|error|fail|timeout|toxic|hallucinat|refusal|bias|pii|jailbreak|violation)/i;

/**
 * Infers the direction of an objective whose `op` is omitted: first from the order of its thresholds
 * (a warning below the target means higher is better), then from what is measured.
 */
export function inferOp(
  measured: { kind: 'ratio' } | { kind: 'metric' | 'evalMetric'; name: string },
  objective: { target: number; warning?: number | undefined; critical?: number | undefined },
): InferredOp | { conflict: string } {
  const thresholds = [objective.warning, objective.critical].filter((value) => value !== undefined);
  const below = thresholds.some((value) => value < objective.target);
  const above = thresholds.some((value) => value > objective.target);
  if (below && above) {
    return {
      conflict: 'warning and critical lie on both sides of the target; set `op` (gte, gt, lte or lt)',
    };
  }
  if (below) return { op: 'gte', reason: 'thresholds below the target mean higher is better' };
  if (above) return { op: 'lte', reason: 'thresholds above the target mean lower is better' };
  if (measured.kind === 'ratio') return { op: 'gte', reason: 'ratios of good events are higher-is-better' };
  if (lowerIsBetterName.test(measured.name)) {
    return { op: 'lte', reason: `${measured.name} is lower-is-better (latency, cost, tokens, errors)` };
  }
  return { op: 'gte', reason: `${measured.name} is a score, higher-is-better` };
}
