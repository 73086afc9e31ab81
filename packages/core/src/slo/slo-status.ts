import type { ResolvedObjective } from './resolved-slo.js';
import type { ComparisonOp } from './slo-schema.js';

export const sloStatuses = ['ok', 'at_risk', 'warning', 'critical', 'no_data', 'insufficient_data'] as const;
export type SloStatus = (typeof sloStatuses)[number];

/** How bad a status is, for `--fail-on` and sorting; statuses without enough data rank with ok. */
export const statusSeverity: Record<SloStatus, number> = {
  ok: 0,
  no_data: 0,
  insufficient_data: 0,
  at_risk: 1,
  warning: 2,
  critical: 3,
};

/** Whether `value` satisfies `op` against `threshold`: equal to a gte/lte threshold satisfies it. */
export function satisfies(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case 'gte':
      return value >= threshold;
    case 'gt':
      return value > threshold;
    case 'lte':
      return value <= threshold;
    case 'lt':
      return value < threshold;
  }
}

/**
 * The status of one SLI value against its objective. With neither warning nor critical the target doubles as the
 * critical threshold; with only one of them, a miss short of it is at_risk.
 */
export function classifyStatus(
  value: number | null,
  samples: number,
  minSamples: number,
  objective: ResolvedObjective,
): SloStatus {
  if (value === null || samples === 0) return 'no_data';
  if (samples < minSamples) return 'insufficient_data';
  const { op, target, warning, critical } = objective;
  if (satisfies(value, op, target)) return 'ok';
  if (warning === undefined && critical === undefined) return 'critical';
  if (critical !== undefined && !satisfies(value, op, critical)) return 'critical';
  if (warning !== undefined && !satisfies(value, op, warning)) return 'warning';
  return 'at_risk';
}
