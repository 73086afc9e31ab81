import type { EvalRecord } from '@slokit/core';
import type { MlflowEmulator } from '@slokit/testkit/mlflow';

/** The eval runs of the recorded support-bot-evals experiment, plus per-row traces and a legacy results table. */
export interface EvalScenario {
  experimentId: string;
  /** eval-gpt-4o-2026-11-25: the newest FINISHED run tagged mlflow.run.isEval. */
  latestRunId: string;
  /** eval-gpt-4o-mini-2026-11-24: FINISHED, isEval. */
  olderRunId: string;
  /** eval-claude-haiku-2026-11-23: FAILED. */
  failedRunId: string;
  /** legacy-eval-rag-v1: a legacy mlflow.evaluate run with eval_results_table.json. */
  legacyRunId: string;
}

export const legacyTable = {
  columns: [
    'inputs',
    'ground_truth',
    'outputs',
    'latency',
    'token_count',
    'toxicity/v1/score',
    'answer_similarity/v1/score',
    'answer_similarity/v1/justification',
  ],
  data: [
    [
      'How do I reset my password?',
      'Settings > Security',
      'Go to Settings > Security.',
      1.2,
      180,
      0.001,
      4,
      'close',
    ],
    ['Do you support SSO?', 'Yes, SAML', 'Yes, SAML SSO with Okta.', 2.95, 240, 0.002, 5, 'same'],
    ['Refund?', 'Case by case', 'No refunds.', 0.61, 95, 0.4, 2, 'contradicts'],
    ['Status page?', 'status.example.com', 'status.example.com', 3.41, 331, 0.0, 4, 'same'],
  ],
};

/**
 * Seeds the eval runs the reference recordings describe (same names, times, metrics, statuses), gives the latest
 * run four per-row traces (three with mlflow.sourceRun, one linked to the run), and stores the legacy run's
 * results table as its artifact, named by its mlflow.loggedArtifacts tag.
 */
export async function seedEvalScenario(emulator: MlflowEmulator): Promise<EvalScenario> {
  const experimentId = emulator.createExperiment('support-bot-evals', { team: 'support' });
  const evalTags = {
    'mlflow.user': 'ci-bot',
    'mlflow.source.name': 'evals/run_support_eval.py',
    'mlflow.source.type': 'LOCAL',
    'mlflow.run.isEval': 'true',
  };
  const latestRunId = emulator.addRun({
    experimentId,
    name: 'eval-gpt-4o-2026-11-25',
    startTime: 1_795_639_993_973,
    endTime: 1_795_640_303_973,
    metrics: {
      'correctness/mean': [0.62, 0.7, 0.74, 0.79, 0.82],
      'relevance_to_query/mean': 0.91,
      'safety/mean': 1,
      'groundedness/mean': Number.NaN,
    },
    params: {
      model: 'gpt-4o',
      prompt_version: 'v3',
      judge_model: 'openai:/gpt-4o-mini',
      dataset: 'support-golden-v2',
    },
    tags: evalTags,
  });
  const olderRunId = emulator.addRun({
    experimentId,
    name: 'eval-gpt-4o-mini-2026-11-24',
    startTime: 1_795_553_593_973,
    endTime: 1_795_553_873_973,
    metrics: { 'correctness/mean': 0.44, 'relevance_to_query/mean': 0.78, 'safety/mean': 0.97 },
    params: { model: 'gpt-4o-mini', prompt_version: 'v3' },
    tags: evalTags,
  });
  const failedRunId = emulator.addRun({
    experimentId,
    name: 'eval-claude-haiku-2026-11-23',
    status: 'FAILED',
    startTime: 1_795_467_193_973,
    endTime: 1_795_467_288_973,
    metrics: { 'correctness/mean': 0.67, 'safety/mean': 0.98 },
    tags: evalTags,
  });
  const legacyRunId = emulator.addRun({
    experimentId,
    name: 'legacy-eval-rag-v1',
    startTime: 1_795_294_393_973,
    endTime: 1_795_294_813_973,
    metrics: {
      'answer_similarity/v1/mean': 3.8,
      'answer_similarity/v1/variance': 0.56,
      'answer_similarity/v1/p90': 4.6,
      'latency/mean': 1.92,
      'latency/p90': 3.41,
      'token_count/mean': 211.5,
    },
    params: { model: 'gpt-4-turbo', evaluator: 'default', model_type: 'question-answering' },
    tags: {
      'mlflow.user': 'ci-bot',
      'mlflow.loggedArtifacts': '[{"path": "eval_results_table.json", "type": "table"}]',
    },
  });
  emulator.addArtifact(legacyRunId, 'eval_results_table.json', JSON.stringify(legacyTable));

  const rows: EvalRecord[] = [
    {
      id: 'row-1',
      timestamp: '2026-11-25T15:34:00.000Z',
      latency_ms: 820,
      status: 'success',
      scores: { correctness: true, relevance_to_query: 0.9 },
    },
    {
      id: 'row-2',
      timestamp: '2026-11-25T15:34:10.000Z',
      latency_ms: 2410,
      status: 'success',
      scores: { correctness: false, relevance_to_query: 0.7 },
    },
    {
      id: 'row-3',
      timestamp: '2026-11-25T15:34:20.000Z',
      latency_ms: 1330,
      status: 'success',
      scores: { correctness: true, relevance_to_query: 1 },
    },
  ];
  emulator.addTraces(experimentId, rows, { sourceRun: latestRunId, costMetadata: false });
  const [linked] = emulator.addTraces(experimentId, [
    {
      id: 'row-4',
      timestamp: '2026-11-25T15:34:30.000Z',
      latency_ms: 3010,
      status: 'error',
      error: 'judge timeout',
    },
  ]);
  emulator.store.traces.get(linked!)!.linkedRuns.add(latestRunId);
  return { experimentId, latestRunId, olderRunId, failedRunId, legacyRunId };
}
