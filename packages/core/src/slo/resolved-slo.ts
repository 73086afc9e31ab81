import type { AlertPolicy } from './alert-policy-settings.js';
import type { BurnRateRule } from './burn-rate-rules.js';
import type { Predicate } from './predicate-schema.js';
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
  /** With groupBy: the most segments reported, worst first; the rest merge into `(other)`. Default 50. */
  maxSegments?: number;
  labels: Record<string, string>;
  runbook?: string;
  unit: DisplayUnit;
  /** How this SLO's alerts fire, escalate, repeat and resolve (sync). */
  alerting: AlertPolicy;
  /** Multi-window burn-rate alerts over the window as budget period; empty below a day. */
  burnRates: BurnRateRule[];
  /** Burn-rate alerts need at least this many events (or slices) in their short window. */
  minEvents: number;
  /** Value SLIs: share of 5-minute slices that must meet the objective, for their error budget. */
  timeSliceTarget: number;
}
