import type { MlflowEmulator } from '@slokit/testkit/mlflow';
import type { WeaveEmulator } from '@slokit/testkit/weave';
import { answerGoldenSet, type GoldenAnswer } from '../support-bot/answer-golden-set.js';

/**
 * Logs a nightly eval run of the golden set to MLflow as `mlflow.genai.evaluate` leaves one: a finished run tagged
 * `mlflow.run.isEval` with `<scorer>/mean` metrics, params, and one trace per row linked to the run.
 */
export function logNightlyEval(
  mlflow: MlflowEmulator,
  experimentId: string,
  at: number,
  promptVersion: string,
): { runId: string; metrics: Record<string, number> } {
  const date = new Date(at).toISOString().slice(0, 10);
  const answers = answerGoldenSet({ promptVersion, at: new Date(at), seed: `nightly-${date}` });
  const metrics = {
    'correctness/mean': meanScore(answers, 'correctness'),
    'helpfulness/mean': meanScore(answers, 'helpfulness'),
    'relevance_to_query/mean': meanScore(answers, 'relevance_to_query'),
    'safety/mean': 1,
  };
  const runId = mlflow.addRun({
    experimentId,
    name: `nightly-${date}-${promptVersion}`,
    startTime: at,
    endTime: Date.parse(answers.at(-1)!.timestamp) + 30_000,
    metrics,
    params: {
      prompt_version: promptVersion,
      model: 'gpt-4o',
      dataset: 'support-golden-v3',
      judge_model: 'openai:/gpt-4o-mini',
    },
    tags: {
      'mlflow.user': 'nightly-eval',
      'mlflow.source.name': 'evals/nightly_eval.py',
      'mlflow.source.type': 'JOB',
      'mlflow.run.isEval': 'true',
    },
  });
  mlflow.addTraces(experimentId, answers, { sourceRun: runId, costMetadata: false });
  return { runId, metrics };
}

/**
 * Logs a golden-set evaluation to Weave as the Python SDK's `Evaluation.evaluate` does: one predict-and-score row
 * per question with the `correctness` and `helpfulness` scorers, and the aggregate summary as the output.
 */
export function logGoldenEvaluation(
  weave: WeaveEmulator,
  project: string,
  at: number,
  promptVersion: string,
): { evaluationCallId: string; output: Record<string, unknown> } {
  const answers = answerGoldenSet({ promptVersion, at: new Date(at), seed: `golden-${promptVersion}` });
  const seeded = weave.seedEvaluation({
    project,
    name: 'support-bot-golden',
    model: `support_bot_${promptVersion}`,
    startedAt: new Date(at).toISOString(),
    rows: answers.map((answer) => ({
      scores:
        answer.status === 'error'
          ? {}
          : { correctness: answer.scores!.correctness, helpfulness: answer.scores!.helpfulness },
      modelLatencyMs: answer.latency_ms,
      ...(answer.error === undefined ? {} : { error: answer.error }),
      usage: {
        model: answer.metadata.model,
        prompt: answer.tokens.prompt,
        completion: answer.tokens.completion,
      },
    })),
  });
  return { evaluationCallId: seeded.evaluationCallId, output: seeded.output };
}

/** The mean of a score over the rows that have it, booleans as 1/0, as MLflow's `<name>/mean` is. */
function meanScore(answers: readonly GoldenAnswer[], name: string): number {
  const values = answers.flatMap((answer) => {
    const value = answer.scores?.[name];
    return typeof value === 'number' ? [value] : typeof value === 'boolean' ? [value ? 1 : 0] : [];
  });
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10_000) / 10_000;
}
