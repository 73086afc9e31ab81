import { defineAdapter } from '@slokit/core';
import { createPublisher } from './publish/langsmith-publisher.js';
import { createEvalSource } from './source/langsmith-source.js';

export { LangSmithApi, type LangSmithApiOptions, type RetrySettings } from './client/langsmith-api.js';
export { feedbackScores } from './mapping/feedback-scores.js';
export { type MappedRun, mapRun, type RunContext } from './mapping/map-run.js';
export { parseCost } from './mapping/parse-cost.js';
export { parseLangSmithTime } from './mapping/parse-langsmith-time.js';
export { sessionEvalSummary } from './mapping/session-eval-summary.js';
export { feedbackId, uuidV5 } from './publish/feedback-id.js';
export { createLangSmithPublisher, createPublisher } from './publish/langsmith-publisher.js';
export { type SloFeedback, sloFeedback } from './publish/slo-feedback.js';
export { type LangSmithConnection, resolveConnection, webUrlFor } from './settings/langsmith-connection.js';
export {
  type LangSmithSourceConfig,
  type LangSmithSourceConfigInput,
  langSmithSourceConfigSchema,
} from './settings/langsmith-source-config.js';
export { createEvalSource, createLangSmithSource, type LangSmithSource } from './source/langsmith-source.js';
export { v1Selects, v2Selects } from './source/read-runs.js';
export type { LangSmithTarget } from './source/resolve-targets.js';
export { type TargetStats, targetStats } from './source/target-stats.js';

/** The `type: langsmith` adapter: runs, feedback and experiments in, SLO results back as project feedback. */
export const adapter = defineAdapter({
  specificationVersion: 'v1',
  type: 'langsmith',
  createSource: createEvalSource,
  createPublisher,
});

export default adapter;
