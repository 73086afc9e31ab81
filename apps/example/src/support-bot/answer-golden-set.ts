import type { EvalRecord } from '@slokit/core';
import { defaultSupportBotModels, Random } from '@slokit/testkit';
import { type GoldenQuestion, goldenQuestions } from './golden-questions.js';

/** How good answers are with a prompt version: the chance of a correct answer, mean helpfulness and relevance. */
export interface PromptQuality {
  correctness: number;
  helpfulness: number;
  relevance: number;
}

/**
 * The prompt versions of the support bot. v13 shortened the system prompt and dropped the refund and escalation
 * policies: answers got vaguer. v14 is v12 with the fix v13 was after.
 */
export const promptQuality: Readonly<Record<string, PromptQuality>> = {
  v12: { correctness: 0.94, helpfulness: 0.88, relevance: 0.9 },
  v13: { correctness: 0.8, helpfulness: 0.68, relevance: 0.8 },
  v14: { correctness: 0.95, helpfulness: 0.89, relevance: 0.91 },
};

/** One answer of the bot to a golden question, judged: an EvalRecord with `correctness`, `helpfulness` and `relevance_to_query` scores. */
export interface GoldenAnswer extends EvalRecord {
  id: string;
  timestamp: string;
  latency_ms: number;
  status: 'success' | 'error';
  cost_usd: number;
  tokens: { prompt: number; completion: number; total: number };
  metadata: {
    question_id: string;
    category: GoldenQuestion['category'];
    prompt_version: string;
    model: string;
  };
}

export interface AnswerGoldenSetOptions {
  /** The prompt version under test (a key of `promptQuality`). */
  promptVersion: string;
  /** When the eval starts; answers follow 1.5 s apart. */
  at: Date | string;
  /** Varies the judge's draws between runs of the same prompt version; default 'eval'. */
  seed?: string;
  /** The model the bot runs on; default gpt-4o (its prices and speed come from @slokit/testkit). */
  model?: string;
}

/**
 * Runs the simulated support bot over the golden set and judges each answer: deterministic for the same options,
 * like an eval run with a fixed judge seed. The answers are the rows `check()` evaluates in the eval gate and the
 * rows the demo logs to MLflow and Weave.
 */
export function answerGoldenSet(options: AnswerGoldenSetOptions): GoldenAnswer[] {
  const quality = promptQuality[options.promptVersion];
  if (!quality) {
    throw new RangeError(
      `unknown prompt version '${options.promptVersion}' (known: ${Object.keys(promptQuality).join(', ')})`,
    );
  }
  const modelName = options.model ?? 'gpt-4o';
  const model = defaultSupportBotModels.find((candidate) => candidate.name === modelName);
  if (!model) throw new RangeError(`unknown model '${modelName}'`);
  const start = new Date(options.at).getTime();
  const seed = options.seed ?? 'eval';
  return goldenQuestions.map((question, index) => {
    const random = new Random(`${seed}/${options.promptVersion}/${question.id}`);
    const metadata = {
      question_id: question.id,
      category: question.category,
      prompt_version: options.promptVersion,
      model: model.name,
    };
    const timestamp = new Date(start + index * 1500).toISOString();
    const promptTokens = Math.round(random.lognormal(Math.log(model.promptTokens.median), 0.3));
    if (random.chance(0.01)) {
      return {
        id: `${question.id}-${options.promptVersion}`,
        timestamp,
        latency_ms: Math.round(random.lognormal(Math.log(900), 0.4)),
        status: 'error',
        error: 'upstream 503 Service Unavailable',
        cost_usd: 0,
        tokens: { prompt: promptTokens, completion: 0, total: promptTokens },
        metadata,
      };
    }
    const completionTokens = Math.round(random.lognormal(Math.log(model.completionTokens.median), 0.35));
    const latency =
      random.lognormal(Math.log(model.overheadMs.median), model.overheadMs.sigma) +
      completionTokens * model.msPerCompletionToken;
    const correct = random.chance(quality.correctness);
    const helpfulness = score(quality.helpfulness - (correct ? 0 : 0.2) + 0.08 * random.normal());
    const relevance = score(quality.relevance - (correct ? 0 : 0.15) + 0.06 * random.normal());
    const cost =
      (promptTokens * model.pricePer1K.prompt + completionTokens * model.pricePer1K.completion) / 1000;
    return {
      id: `${question.id}-${options.promptVersion}`,
      timestamp,
      latency_ms: Math.round(latency),
      status: 'success',
      cost_usd: Math.round(cost * 1e6) / 1e6,
      tokens: { prompt: promptTokens, completion: completionTokens, total: promptTokens + completionTokens },
      scores: { correctness: correct, helpfulness, relevance_to_query: relevance },
      metadata,
    };
  });
}

/** A judge score: clipped to [0, 1], two decimals. */
function score(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
