import { errorBudget } from '../budget/error-budget.js';
import type { EvalRecord } from '../record/eval-record.js';
import { compileFieldPath } from '../record/field-path.js';
import type { SegmentReport } from '../report/report.js';
import {
  compileSli,
  type SliAccumulator,
  type SliAccumulatorFactory,
  type SliValue,
} from '../sli/sli-accumulator.js';
import type { ResolvedSlo } from '../slo/resolved-slo.js';
import { classifyStatus } from './slo-status.js';

export const missingSegmentKey = '(none)';

/** The outcome of one SLO over its records, before it becomes a report entry. */
export interface RecordSloOutcome {
  overall: SliValue;
  segments: SegmentReport[] | null;
}

/**
 * Streams records into one record-based SLO (metric or ratio): applies its window ending at `at`
 * (`at - window < time <= at`) and its groupBy segments.
 */
export class SloEvaluator {
  readonly slo: ResolvedSlo;
  private readonly windowStart: number;
  private readonly windowEnd: number;
  private readonly makeAccumulator: SliAccumulatorFactory;
  private readonly overall: SliAccumulator;
  private readonly readSegment: ((record: EvalRecord) => unknown) | undefined;
  private readonly segments = new Map<string, SliAccumulator>();

  constructor(slo: ResolvedSlo, at: number) {
    if (slo.sli.kind === 'evalMetric')
      throw new TypeError(`SLO '${slo.name}' reads an eval summary, not records`);
    this.slo = slo;
    this.windowEnd = slo.windowMs === undefined ? Number.POSITIVE_INFINITY : at;
    this.windowStart = slo.windowMs === undefined ? Number.NEGATIVE_INFINITY : at - slo.windowMs;
    this.makeAccumulator = compileSli(slo.sli);
    this.overall = this.makeAccumulator();
    this.readSegment = slo.groupBy === undefined ? undefined : compileFieldPath(slo.groupBy);
  }

  /** `time` is the record's epoch ms, NaN when it has none (such records only count without a window). */
  add(record: EvalRecord, time: number): void {
    if (this.windowEnd !== Number.POSITIVE_INFINITY && !(time > this.windowStart && time <= this.windowEnd))
      return;
    this.overall.add(record);
    if (this.readSegment === undefined) return;
    const value = this.readSegment(record);
    const key = value === undefined || value === null || value === '' ? missingSegmentKey : String(value);
    let accumulator = this.segments.get(key);
    if (accumulator === undefined) {
      accumulator = this.makeAccumulator();
      this.segments.set(key, accumulator);
    }
    accumulator.add(record);
  }

  finish(): RecordSloOutcome {
    const overall = this.overall.result();
    if (this.readSegment === undefined) return { overall, segments: null };
    const segments = [...this.segments.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, accumulator]) => this.segmentReport(key, accumulator.result()));
    return { overall, segments };
  }

  private segmentReport(key: string, value: SliValue): SegmentReport {
    return {
      key,
      status: classifyStatus(value.value, value.samples, this.slo.minSamples, this.slo.objective),
      value: value.value,
      samples: value.samples,
      interval: value.interval,
      errorBudget: budgetOf(this.slo, value),
      exact: value.exact,
    };
  }
}

export function budgetOf(slo: ResolvedSlo, value: SliValue) {
  if (slo.sli.kind !== 'ratio' || value.good === null || value.samples === 0) return null;
  return errorBudget(slo.objective.op, slo.objective.target, value.good, value.samples);
}
