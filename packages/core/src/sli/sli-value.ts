export interface IntervalReport {
  lower: number;
  upper: number;
  confidence: number;
  method: 'wilson' | 'student-t';
}

/** The aggregated value of an SLI over the records of a window. */
export interface SliValue {
  value: number | null;
  samples: number;
  interval: IntervalReport | null;
  /** For ratios: the events the `good` predicate matched. */
  good: number | null;
  /** For percentiles: whether the value is exact (false once a sketch took over). */
  exact: boolean | null;
  /** Values of the metric's field that were not numbers and so were not counted. */
  ignored: number;
}
