/**
 * What slokit's own packages share beyond the public API: the building blocks of the engine's cycle and `check`.
 * Not covered by semver; users import from `@slokit/core`.
 */

export { silencedBy } from './alerting/silences.js';
export { burnRates, periodBudget } from './budget/period-budget.js';
export { formatConfigPath } from './config/format-config-path.js';
export { hasEnvReference, type InterpolateOptions, interpolateEnv } from './config/interpolate-env.js';
export {
  type AlertContext,
  type AlertDecisions,
  type AlertSubject,
  alertStateKey,
  decideAlerts,
} from './cycle/alert-decisions.js';
export { sourceHealth } from './cycle/source-health.js';
export { hasMarker } from './errors/slokit-error.js';
export { budgetOf, buildSloReport, complianceOf, type SloOutcome } from './evaluation/build-slo-report.js';
export { evalMetricOutcome } from './evaluation/eval-metric-outcome.js';
export {
  type AggregateKind,
  missingSegmentKey,
  overallSegment,
  SloFold,
  segmentKey,
} from './evaluation/slo-fold.js';
export { type MergedBuckets, windowOutcome } from './evaluation/window-outcome.js';
export { WorstExamples } from './evaluation/worst-examples.js';
export { BucketAggregate } from './history/bucket-aggregate.js';
export { foldDeltas } from './history/fold-deltas.js';
export { dayMs, HistoryView, hourMs, type Resolution, resolutionDefinition } from './history/history-view.js';
export {
  alignDown,
  alignUp,
  BucketSeries,
  bucketMs,
  bucketStartOf,
  windowRange,
} from './history/history-window.js';
export { type Contribution, compileContribution, needsHistogram } from './history/record-contribution.js';
export { fnv1a, hash53, sliDefinition } from './history/sli-definition.js';
export { windowValue } from './history/window-value.js';
export * from './index.js';
export { forbiddenKeyPath, forbiddenKeyProblem } from './record/forbidden-key-path.js';
export { parseDecimal } from './record/parse-decimal.js';
export { outboxRows } from './routing/outbox-rows.js';
export { routeMatches } from './routing/route-events.js';
export { LogHistogram } from './stats/log-histogram.js';
