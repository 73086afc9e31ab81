export { fillEnvReferences } from './config/fill-env-references.js';
export { configFile, loadSupportBotConfig } from './config/support-bot-config.js';
export {
  runSupportBotDemo,
  type SupportBotDemoOptions,
  type SupportBotDemoResult,
} from './demo/support-bot-demo.js';
export { evalGateConfig } from './eval-gate/eval-gate-config.js';
export { type EvalGateOptions, type EvalGateResult, runEvalGate } from './eval-gate/run-eval-gate.js';
export { answerGoldenSet, type GoldenAnswer, promptQuality } from './support-bot/answer-golden-set.js';
export { type GoldenQuestion, goldenQuestions } from './support-bot/golden-questions.js';
