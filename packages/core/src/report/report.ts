import type { ErrorBudget } from '../budget/error-budget.js';
import type { IntervalReport } from '../sli/sli-value.js';
import type { ComparisonOp, DisplayUnit } from '../slo/slo-schema.js';
import type { SloStatus } from '../slo/slo-status.js';
import type { RecordIssue } from '../source/eval-source.js';

/** One segment of an SLO with `groupBy` (one model, one tenant, one prompt version). */
export interface SegmentReport {
  /** The segment's value of the groupBy field; `(none)` for records without it. */
  key: string;
  status: SloStatus;
  value: number | null;
  samples: number;
  interval: IntervalReport | null;
  errorBudget: ErrorBudget | null;
  exact: boolean | null;
}

export interface SliDescription {
  kind: 'metric' | 'ratio' | 'evalMetric';
  /** metric: the field path; evalMetric: the metric name; ratio: the good predicate's field. */
  field: string;
  /** metric only: mean, p95, ... */
  aggregate: string | null;
}

/** The verdict for one SLO. Every key is always present; `null` where it does not apply. */
export interface SloReport {
  name: string;
  description: string | null;
  source: string;
  sli: SliDescription;
  status: SloStatus;
  /** Ratios as fractions in 0..1; null when there is no data. */
  value: number | null;
  samples: number;
  op: ComparisonOp;
  /** Why op was inferred; null when the config set it. */
  opInferred: string | null;
  target: number;
  warning: number | null;
  critical: number | null;
  window: string | null;
  /** Start of the window (exclusive); the window ends at the report's `at` (inclusive). */
  windowStart: string | null;
  /** 95 % interval: Wilson for ratios, Student-t for means. */
  interval: IntervalReport | null;
  /** Ratio SLOs only. */
  errorBudget: ErrorBudget | null;
  /** Percentiles only: false once a sketch replaced exact values (1 % relative accuracy). */
  exact: boolean | null;
  groupBy: string | null;
  segments: SegmentReport[] | null;
  unit: DisplayUnit;
  runbook: string | null;
  labels: Record<string, string>;
  /** Facts worth knowing about this result (ignored values, stale eval summaries). */
  notes: string[];
}

export interface SourceReport {
  name: string;
  type: string;
  /** Records read and used. */
  records: number;
  /** Records skipped because they were invalid; each is listed in `issues` (up to `issueLimit`). */
  skipped: number;
  /** Records not counted because a record with the same id was read before (as `sync` counts each id once). */
  duplicates: number;
  issues: RecordIssue[];
  /** Why the source could not be read; its SLOs are then no_data. null when it was read. */
  error: string | null;
}

/** The report `slokit check --format json` prints and `check()` returns. Stable: see the README. */
export interface Report {
  schemaVersion: 1;
  /** Identifies the check (default: its `at`); publishers derive idempotent ids from it. */
  checkId: string;
  generatedAt: string;
  /** The evaluation time: every window ends here. */
  at: string;
  slos: SloReport[];
  /** SLOs at ok divided by SLOs at ok, at_risk, warning or critical; null when none has enough data. */
  compliance: number | null;
  complianceCounts: { met: number; counted: number };
  sources: SourceReport[];
}
