// The `slokit` package: the command line, and the API a user's code needs, gathered from the packages below it.
export {
  type AlertEvent,
  buildHistoryReport,
  ConfigError,
  compileFieldPath,
  compilePredicate,
  createMemorySource,
  defineConfig,
  type EvalRecord,
  type EvalSourceV1,
  formatValue,
  InputError,
  type PublisherV1,
  type Report,
  type ResolvedConfig,
  resolveConfig,
  routeEvents,
  type SloInput,
  type SlokitConfig,
  SlokitError,
  type SloReport,
  SourceError,
  type SyncResult,
  statusSeverity,
  type WorstExample,
} from '@slokit/core';
export {
  type CheckOptions,
  check,
  createSource,
  loadConfig,
  publishSyncResult,
  runCycle,
  runSync,
  type SyncOptions,
} from '@slokit/engine';
export { renderHistoryHtml, renderMarkdown, renderReport, renderTable } from '@slokit/render';
export { runCli } from './run-cli.js';
