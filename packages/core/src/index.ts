export { type Adapter, type AdapterV1, defineAdapter } from './adapter/define-adapter.js';
export {
  type AlertEventKind,
  type AlertObservation,
  type AlertState,
  type AlertTransition,
  initialAlertState,
  stepAlert,
} from './alerting/alert-policy.js';
export { type ErrorBudget, errorBudget } from './budget/error-budget.js';
export type { BurnRateResult, PeriodBudget } from './budget/period-budget.js';
export type {
  AlertBatch,
  Channel,
  ChannelFailure,
  ChannelV1,
  DigestBatch,
  SendOptions,
} from './channel/channel.js';
export { ChannelError } from './channel/channel-error.js';
export { configSchema, type SourceConfig } from './config/config-schema.js';
export { defineConfig, type SloInput, type SlokitConfig } from './config/define-config.js';
export type { FileSourceConfig } from './config/file-source-config.js';
export { resolveConfig } from './config/resolve-config.js';
export { isResolvedConfig, type ResolvedConfig } from './config/resolved-config.js';
export {
  type ChannelConfig,
  channelConfigSchema,
  type RouteConfig,
  routeSchema,
} from './config/routing-schema.js';
export { pruneHorizon } from './cycle/prune-horizon.js';
export type { AlertEvent, SyncResult, SyncSloResult, SyncSourceResult } from './cycle/sync-result.js';
export * from './errors/index.js';
export type { WorstExample } from './evaluation/worst-examples.js';
export { buildHistoryReport } from './history-report/build-history-report.js';
export type {
  HistoryAlert,
  HistoryPoint,
  HistoryReport,
  HistorySloReport,
} from './history-report/history-report.js';
export type { Publisher, PublisherV1, PublishOptions, PublishResult } from './publish/publisher.js';
export type { PublisherFactory } from './publish/publisher-factory.js';
export type { EvalRecord, TokenUsage } from './record/eval-record.js';
export { compileFieldPath } from './record/field-path.js';
export { type NormalizedRecord, normalizeRecord } from './record/normalize-record.js';
export {
  type DroppedKeys,
  forbiddenKeys,
  isForbiddenKey,
  isPlainRecord,
  isPrototypeKey,
  prototypeKeys,
  safeCopy,
  safeGet,
  safeRecordObject,
  safeSet,
  safeSetPath,
  setDottedPath,
} from './record/safe-object.js';
export { formatCount, formatOp, formatTime, formatValue } from './report/format-value.js';
export type { Report, SegmentReport, SliDescription, SloReport, SourceReport } from './report/report.js';
export { buildReview, type ReviewReport, type SloReview } from './review/build-review.js';
export { routeEvents } from './routing/route-events.js';
export { compilePredicate } from './sli/compile-predicate.js';
export type { IntervalReport, SliValue } from './sli/sli-value.js';
export {
  type AlertLevel,
  type AlertPolicy,
  alertLevelRank,
  alertLevels,
  defaultAlertPolicy,
} from './slo/alert-policy-settings.js';
export { type BurnLevel, type BurnRateRule, defaultBurnRateRules } from './slo/burn-rate-rules.js';
export { parseDuration } from './slo/duration.js';
export type { Predicate } from './slo/predicate-schema.js';
export type { ResolvedObjective, ResolvedSli, ResolvedSlo } from './slo/resolved-slo.js';
export type { ComparisonOp, DisplayUnit, SliConfig, SloConfig } from './slo/slo-schema.js';
export { classifyStatus, type SloStatus, satisfies, sloStatuses, statusSeverity } from './slo/slo-status.js';
export { type KeyStats, RecordDiscovery, type SourceDiscovery } from './source/discover-records.js';
export type {
  EvalSource,
  EvalSourceV1,
  EvalSummary,
  ReadRecordsOptions,
  RecordBatch,
  RecordIssue,
} from './source/eval-source.js';
export { createMemorySource } from './source/memory-source.js';
export type { SourceContext, SourceFactory } from './source/source-factory.js';
export { timeWindowFilter } from './source/time-window.js';
export { LeaseLostError } from './state/lease-lost-error.js';
export { createMemoryStateStore } from './state/memory-state-store.js';
export type {
  AlertEventRow,
  AlertStateRow,
  CycleWrites,
  EvaluationRow,
  Lease,
  OutboxRow,
  PublishLogRow,
  Silence,
  SliBucket,
  SourceCursor,
  StateStore,
  StateStoreV1,
} from './state/state-store.js';
export { normalQuantile } from './stats/normal-quantile.js';
export { exactQuantile, parsePercentileAggregate } from './stats/quantile.js';
export {
  createQuantileEstimator,
  type QuantileEstimator,
  type QuantileEstimatorOptions,
} from './stats/quantile-estimator.js';
export { meanInterval, RunningMoments } from './stats/running-moments.js';
export { studentTQuantile } from './stats/student-t-quantile.js';
export { type Interval, wilsonInterval } from './stats/wilson-interval.js';
