export { type Adapter, type AdapterV1, defineAdapter } from './adapter/define-adapter.js';
export {
  type AlertEventKind,
  type AlertLevel,
  type AlertObservation,
  type AlertPolicy,
  type AlertState,
  type AlertTransition,
  alertLevelRank,
  alertLevels,
  defaultAlertPolicy,
  initialAlertState,
  stepAlert,
} from './alerting/alert-policy.js';
export { type BurnLevel, type BurnRateRule, defaultBurnRateRules } from './budget/burn-rate-rules.js';
export { type ErrorBudget, errorBudget } from './budget/error-budget.js';
export { configSchema, type SourceConfig } from './config/config-schema.js';
export { defineConfig, type SloInput, type SlokitConfig } from './config/define-config.js';
export { configFileNames, type LoadConfigOptions, loadConfig } from './config/load-config.js';
export { redactSecret, requiredEnv } from './config/required-env.js';
export { resolveConfig } from './config/resolve-config.js';
export { isResolvedConfig, type ResolvedConfig } from './config/resolved-config.js';
export * from './errors/index.js';
export { type CheckOptions, type CheckProgress, check } from './evaluation/check.js';
export { SloEvaluator } from './evaluation/slo-evaluator.js';
export {
  classifyStatus,
  type SloStatus,
  satisfies,
  sloStatuses,
  statusSeverity,
} from './evaluation/slo-status.js';
export { sliDefinition } from './history/sli-definition.js';
export { buildHistoryReport } from './history-report/build-history-report.js';
export type {
  HistoryAlert,
  HistoryPoint,
  HistoryReport,
  HistorySloReport,
} from './history-report/history-report.js';
export { renderHistoryHtml } from './history-report/render-history-html.js';
export { renderHistoryMarkdown } from './history-report/render-history-markdown.js';
export { renderHistoryTable } from './history-report/render-history-table.js';
export { downsample, sparkline } from './history-report/sparkline.js';
export { ApiCallError, isRetryableStatus } from './http/api-call-error.js';
export { parseRetryAfter } from './http/parse-retry-after.js';
export { type RetryOptions, retryWithBackoff } from './http/retry-with-backoff.js';
export type {
  AlertBatch,
  Channel,
  ChannelFailure,
  ChannelV1,
  DigestBatch,
  SendOptions,
} from './notify/channel.js';
export { ChannelError } from './notify/channel-error.js';
export { routeEvents, routeMatches } from './notify/route-events.js';
export {
  type ChannelConfig,
  channelConfigSchema,
  type RouteConfig,
  routeSchema,
} from './notify/routing-schema.js';
export { createPublisher, type PublisherFactory } from './publish/create-publisher.js';
export type { Publisher, PublisherV1, PublishOptions, PublishResult } from './publish/publisher.js';
export type { EvalRecord, TokenUsage } from './record/eval-record.js';
export { compileFieldPath } from './record/field-path.js';
export { type NormalizedRecord, normalizeRecord } from './record/normalize-record.js';
export {
  type DroppedKeys,
  isPlainRecord,
  isPrototypeKey,
  prototypeKeys,
  safeCopy,
  safeGet,
  safeSet,
  safeSetPath,
} from './record/safe-object.js';
export { escapeHtml } from './report/escape-html.js';
export { formatOp, formatTime, formatValue } from './report/format-value.js';
export { renderMarkdown } from './report/render-markdown.js';
export { type ReportFormat, renderReport } from './report/render-report.js';
export { type RenderTableOptions, renderTable } from './report/render-table.js';
export type { Report, SegmentReport, SliDescription, SloReport, SourceReport } from './report/report.js';
export { buildReview, type ReviewReport, type SloReview } from './review/build-review.js';
export { compilePredicate } from './sli/compile-predicate.js';
export type { Predicate } from './sli/predicate-schema.js';
export type { IntervalReport, SliValue } from './sli/sli-accumulator.js';
export { parseDuration } from './slo/duration.js';
export type { ResolvedObjective, ResolvedSli, ResolvedSlo } from './slo/resolved-slo.js';
export type { ComparisonOp, DisplayUnit, SliConfig, SloConfig } from './slo/slo-schema.js';
export { createSource, type SourceContext, type SourceFactory } from './source/create-source.js';
export { type KeyStats, RecordDiscovery, type SourceDiscovery } from './source/discover-records.js';
export type {
  EvalSource,
  EvalSourceV1,
  EvalSummary,
  ReadRecordsOptions,
  RecordBatch,
  RecordIssue,
} from './source/eval-source.js';
export { createFileSource } from './source/file-source.js';
export type { FileSourceConfig } from './source/file-source-config.js';
export { createMemorySource } from './source/memory-source.js';
export { parseSourceConfig } from './source/parse-source-config.js';
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
export * from './stats/index.js';
export { LogHistogram } from './stats/log-histogram.js';
export { bucketMs } from './sync/history-window.js';
export type { BurnRateResult, PeriodBudget } from './sync/period-budget.js';
export { publishSyncResult } from './sync/publish-sync-result.js';
export { pruneHorizon, runSync, type SyncOptions, type SyncProgress } from './sync/run-sync.js';
export type { AlertEvent, SyncResult, SyncSloResult, SyncSourceResult } from './sync/sync-result.js';
export type { WorstExample } from './sync/worst-examples.js';
