import type { EvalRecord, EvalSourceV1 } from '@slokit/core';
import { defaultModelPrices, startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvalSource } from './index.js';
import { evaluationMetrics } from './mapping/evaluation-metrics.js';
import {
  runWeaveSdk,
  type SdkEvaluationRow,
  type SdkRequest,
  type SdkResult,
} from './test-support/run-weave-sdk.js';

const project = 'acme/support-bot';
const at = Date.parse('2026-11-26T12:00:00Z');

const requests: SdkRequest[] = [
  {
    key: 'r1',
    question: 'refund?',
    startMs: at,
    latencyMs: 1840,
    model: 'gpt-4o',
    promptTokens: 12000,
    completionTokens: 180,
    scores: { correctness: true, helpfulness: 0.9 },
    attributes: { tenant: 'acme' },
  },
  {
    key: 'r2',
    question: 'invoice?',
    startMs: at + 60_000,
    latencyMs: 950,
    model: 'gpt-4o-mini',
    promptTokens: 8000,
    completionTokens: 120,
    scores: { correctness: false, helpfulness: 0.4 },
    attributes: { tenant: 'globex' },
  },
  {
    key: 'r3',
    question: 'password?',
    startMs: at + 120_000,
    latencyMs: 30_000,
    model: 'gpt-4o',
    promptTokens: 15000,
    completionTokens: 0,
    error: 'Request timed out after 30000 ms',
    attributes: { tenant: 'acme' },
  },
  {
    key: 'r4',
    question: 'shipping?',
    startMs: at + 180_000,
    latencyMs: 2210,
    model: 'claude-sonnet-4',
    promptTokens: 13200,
    completionTokens: 210,
    scores: { correctness: true, helpfulness: 0.75 },
    attributes: { tenant: 'initech' },
  },
  {
    key: 'r5',
    question: 'hours?',
    startMs: at + 240_000,
    latencyMs: 640,
    model: 'gpt-4o-mini',
    promptTokens: 5000,
    completionTokens: 90,
    attributes: { tenant: 'globex' },
  },
];

const rows: SdkEvaluationRow[] = [
  { question: 'capital of France?', expected: 'Paris', answer: 'Paris', latencyMs: 820, helpfulness: 0.9 },
  { question: 'author of Dune?', expected: 'Herbert', answer: 'Asimov', latencyMs: 1400, helpfulness: 0.3 },
  { question: 'square root of 64?', expected: '8', answer: '8', latencyMs: 610, helpfulness: 0.8 },
  {
    question: 'boiling point?',
    expected: '100',
    answer: '100',
    latencyMs: 2950,
    helpfulness: 0.6,
    fails: true,
  },
  { question: 'largest planet?', expected: 'Jupiter', answer: 'Jupiter', latencyMs: 1120, helpfulness: 0.7 },
];

let emulator: WeaveEmulator;
let results: SdkResult[];

function source(config: Record<string, unknown>, name: string): EvalSourceV1 {
  return createEvalSource(
    name,
    { type: 'weave', project, ...config },
    {
      baseDir: '.',
      env: { WANDB_API_KEY: emulator.apiKey, WF_TRACE_SERVER_URL: emulator.url },
    },
  );
}

async function records(from: EvalSourceV1): Promise<EvalRecord[]> {
  const all: EvalRecord[] = [];
  for await (const batch of from.readRecords()) all.push(...batch.records);
  return all;
}

beforeAll(async () => {
  emulator = await startWeaveEmulator();
  results = await runWeaveSdk(emulator, {
    project,
    steps: [
      { kind: 'traffic', op: 'answer_question', requests },
      { kind: 'evaluation', name: 'support-eval', model: 'support_bot', startMs: at + 3_600_000, rows },
    ],
  });
}, 180_000);

afterAll(() => emulator.stop());

describe('round trip through the weave npm SDK', () => {
  it('reads the traced ops back as the app logged them', async () => {
    const callIds = (results[0] as { calls: Array<{ key: string; callId: string }> }).calls;
    const read = await records(source({ ops: ['answer_question'] }, 'prod'));
    expect(read).toHaveLength(requests.length);
    for (const [index, request] of requests.entries()) {
      const record = read[index]!;
      const price = defaultModelPrices.get(request.model)!;
      expect(record.id).toBe(callIds[index]!.callId);
      expect(record.timestamp).toBe(new Date(request.startMs).toISOString());
      expect(record.latency_ms).toBe(request.latencyMs);
      expect(record.status).toBe(request.error ? 'error' : 'success');
      expect(record.error).toBe(request.error);
      expect(record.tokens).toEqual({
        prompt: request.promptTokens,
        completion: request.completionTokens,
        total: request.promptTokens + request.completionTokens,
      });
      expect(record.cost_usd).toBeCloseTo(
        request.promptTokens * price.prompt_token_cost +
          request.completionTokens * price.completion_token_cost,
        12,
      );
      expect(record.scores).toEqual(request.scores);
      expect(record.metadata).toMatchObject({
        op: 'answer_question',
        model: request.model,
        tenant: request.attributes!.tenant,
      });
      expect(record.url).toBe(`${emulator.url}/${project}/r/call/${record.id}`);
    }
  });

  it('reads the evaluation rows back: scores, model latency in ms, the failed model call', async () => {
    const read = await records(source({ evaluations: 'latest' }, 'evals'));
    expect(read).toHaveLength(rows.length);
    for (const [index, row] of rows.entries()) {
      const record = read[index]!;
      expect(record.latency_ms).toBe(row.latencyMs);
      expect(record.status).toBe(row.fails ? 'error' : 'success');
      expect(record.scores).toEqual(
        row.fails
          ? undefined
          : {
              'exact.correct': row.answer === row.expected,
              'exact.score': row.answer === row.expected ? 1 : 0.25,
              helpfulness: row.helpfulness,
            },
      );
      expect(record.metadata).toMatchObject({ evaluation: 'support-eval', model: 'support_bot' });
    }
  });

  it('reads the evaluation summary back as evalMetrics, every number as the SDK computed it', async () => {
    const summary = await source({ evaluations: 'support-eval' }, 'evals').readEvalSummary!();
    const scored = rows.filter((row) => !row.fails);
    const n = rows.length;
    const correct = scored.filter((row) => row.answer === row.expected).length;
    const expected = {
      'model_success.true_count': scored.length,
      'model_success.true_fraction': scored.length / n,
      'exact.correct.true_count': correct,
      'exact.correct.true_fraction': correct / n,
      'exact.score.mean': scored.reduce((sum, row) => sum + (row.answer === row.expected ? 1 : 0.25), 0) / n,
      'helpfulness.mean': scored.reduce((sum, row) => sum + row.helpfulness, 0) / n,
      'model_latency.mean': rows.reduce((sum, row) => sum + row.latencyMs / 1000, 0) / n,
    };
    expect(Object.keys(summary!.metrics).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected))
      expect(summary!.metrics[name], name).toBeCloseTo(value, 12);
    // And exactly what `evaluation.evaluate()` returned to the app.
    expect(summary!.metrics).toEqual(
      evaluationMetrics((results[1] as { output: Record<string, unknown> }).output),
    );
    expect(summary).toMatchObject({ samples: rows.length, name: 'support-eval (support-eval_support_bot)' });
  });
});
