import type { Predicate } from '../sli/predicate-schema.js';
import type { ComparisonOp, DisplayUnit } from './slo-schema.js';

export type ResolvedSli =
  | {
      kind: 'metric';
      metric: string;
      aggregate: string /** Set for percentiles and median. */;
      quantile?: number;
    }
  | { kind: 'ratio'; good: Predicate; total?: Predicate }
  | { kind: 'evalMetric'; name: string };

export interface ResolvedObjective {
  op: ComparisonOp;
  target: number;
  warning?: number;
  critical?: number;
}

/** An SLO after validation: every default applied, `op` and the source resolved. */
export interface ResolvedSlo {
  name: string;
  description?: string;
  source: string;
  sli: ResolvedSli;
  objective: ResolvedObjective;
  /** Why `op` was inferred; absent when the config set it. */
  opInferred?: string;
  window?: string;
  windowMs?: number;
  minSamples: number;
  groupBy?: string;
  labels: Record<string, string>;
  runbook?: string;
  unit: DisplayUnit;
}
