export { feedbackId, uuidV5 } from './feedback-id.js';
export { feedbackScores } from './feedback-scores.js';
export { LangSmithApi, type LangSmithApiOptions, type RetrySettings } from './langsmith-api.js';
export { type LangSmithConnection, resolveConnection, webUrlFor } from './langsmith-connection.js';
export { createLangSmithPublisher, createPublisher } from './langsmith-publisher.js';
export {
  createEvalSource,
  createLangSmithSource,
  type LangSmithSource,
  type TargetStats,
  targetStats,
} from './langsmith-source.js';
export {
  type LangSmithSourceConfig,
  type LangSmithSourceConfigInput,
  langSmithSourceConfigSchema,
} from './langsmith-source-config.js';
export { type MappedRun, mapRun, type RunContext } from './map-run.js';
export { parseCost } from './parse-cost.js';
export { parseLangSmithTime } from './parse-langsmith-time.js';
export { v1Selects, v2Selects } from './read-runs.js';
export type { LangSmithTarget } from './resolve-targets.js';
export { sessionEvalSummary } from './session-eval-summary.js';
export { type SloFeedback, sloFeedback } from './slo-feedback.js';
