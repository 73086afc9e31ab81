import { describe, expect, it } from 'vitest';
import { callCost } from './call-cost.js';
import { callLatencyMs, callStatus, parseCallTime, userAttributes } from './call-fields.js';
import { callToRecord } from './call-to-record.js';
import { evaluationMetrics } from './evaluation-metrics.js';
import { feedbackScores } from './feedback-scores.js';
import { flattenScores } from './flatten-scores.js';
import { recordIdOf } from './mapped-call.js';
import { predictRowToRecord } from './predict-row-to-record.js';
import { mainModel, usageTokens } from './usage-tokens.js';

const context = { source: 'prod', callUrl: (id: string) => `https://wandb.ai/acme/bot/r/call/${id}` };

function call(overrides: Record<string, unknown> = {}) {
  return {
    id: 'c1',
    project_id: 'acme/bot',
    op_name: 'weave:///acme/bot/op/answer_question:abc123',
    display_name: null,
    trace_id: 't1',
    parent_id: null,
    started_at: '2026-11-26T12:00:00.250000Z',
    ended_at: '2026-11-26T12:00:01.750000Z',
    exception: null,
    attributes: { weave: { source: 'js-sdk' }, tenant: 'globex', _weave_eval_meta: { imperative: true } },
    inputs: {},
    output: { answer: 'hi' },
    summary: {
      usage: { 'gpt-4o': { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100, requests: 1 } },
      weave: { status: 'success', latency_ms: 1500, trace_name: 'answer_question' },
    },
    ...overrides,
  };
}

describe('parseCallTime', () => {
  it('reads microsecond times with a Z, an offset, or no zone (UTC)', () => {
    expect(parseCallTime('2024-12-06T17:10:12.590000Z')).toBe(Date.parse('2024-12-06T17:10:12.590Z'));
    expect(parseCallTime('2024-12-06T19:10:12.590000+02:00')).toBe(Date.parse('2024-12-06T17:10:12.590Z'));
    expect(parseCallTime('2024-12-06T17:10:12.590000')).toBe(Date.parse('2024-12-06T17:10:12.590Z'));
    expect(parseCallTime('yesterday')).toBeNaN();
    expect(parseCallTime(null)).toBeNaN();
  });
});

describe('callStatus', () => {
  it('takes summary.weave.status, and derives it for servers that do not send it', () => {
    expect(callStatus(call() as never)).toBe('success');
    expect(callStatus(call({ summary: { weave: { status: 'descendant_error' } } }) as never)).toBe(
      'descendant_error',
    );
    expect(callStatus(call({ summary: {}, exception: 'boom' }) as never)).toBe('error');
    expect(callStatus(call({ summary: {}, ended_at: null }) as never)).toBe('running');
    expect(callStatus(call({ summary: { status_counts: { error: 2, success: 3 } } }) as never)).toBe(
      'descendant_error',
    );
    expect(callStatus(call({ summary: null }) as never)).toBe('success');
  });
});

describe('callLatencyMs', () => {
  it('prefers summary.weave.latency_ms and falls back to ended_at − started_at', () => {
    const start = parseCallTime('2026-11-26T12:00:00.250000Z');
    expect(callLatencyMs(call() as never, start)).toBe(1500);
    expect(callLatencyMs(call({ summary: {} }) as never, start)).toBe(1500);
    expect(
      callLatencyMs(call({ summary: {}, ended_at: '2026-11-26T11:00:00Z' }) as never, start),
    ).toBeUndefined();
  });
});

describe('userAttributes', () => {
  it('keeps plain values the user set, not the SDK block nor private keys', () => {
    expect(
      userAttributes({
        weave: { source: 'js-sdk' },
        tenant: 'globex',
        tier: 2,
        beta: true,
        _meta: 1,
        list: [1],
      }),
    ).toEqual({
      tenant: 'globex',
      tier: 2,
      beta: true,
    });
    expect(userAttributes(null)).toEqual({});
  });
});

describe('usageTokens and mainModel', () => {
  it('sums prompt/input and completion/output tokens over models', () => {
    expect(
      usageTokens({
        'gpt-4o': { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 },
        'claude-sonnet-4': { input_tokens: 500, output_tokens: 50 },
      }),
    ).toEqual({ prompt: 1500, completion: 150, total: 1650 });
    expect(usageTokens({})).toBeUndefined();
    expect(usageTokens(undefined)).toBeUndefined();
  });

  it('names the model with the most tokens', () => {
    expect(mainModel({ a: { total_tokens: 10 }, b: { prompt_tokens: 30, completion_tokens: 5 } })).toBe('b');
    expect(mainModel(null)).toBeUndefined();
  });
});

describe('callCost', () => {
  it('sums prompt and completion cost over models, in USD only', () => {
    expect(
      callCost({
        'gpt-4o': {
          prompt_tokens_total_cost: 0.0025,
          completion_tokens_total_cost: 0.001,
          prompt_token_cost_unit: 'USD',
        },
        'gpt-4o-mini': { prompt_tokens_total_cost: 0.0001, completion_tokens_total_cost: 0.00002 },
        other: {
          prompt_tokens_total_cost: 5,
          completion_tokens_total_cost: 5,
          prompt_token_cost_unit: 'EUR',
        },
      }),
    ).toBeCloseTo(0.00362, 10);
    expect(callCost({})).toBeUndefined();
    expect(callCost({ x: { prompt_token_cost: 0.1 } })).toBeUndefined();
  });
});

describe('flattenScores', () => {
  it('keeps numbers and booleans, under dotted names for dicts', () => {
    const scores: Record<string, number | boolean> = {};
    flattenScores('exact', { correct: true, score: 0.5, note: 'x', nested: { deep: 2 } }, scores);
    flattenScores('helpfulness', 0.8, scores);
    flattenScores('broken', Number.NaN, scores);
    flattenScores('label', 'good', scores);
    expect(scores).toEqual({
      'exact.correct': true,
      'exact.score': 0.5,
      'exact.nested.deep': 2,
      helpfulness: 0.8,
    });
  });
});

describe('feedbackScores', () => {
  it('reads scorer (runnable) and annotation feedback as scores; the latest wins; lists every type', () => {
    const found = feedbackScores([
      {
        feedback_type: 'wandb.runnable.correctness',
        payload: { output: false },
        created_at: '2026-11-26T12:00:01Z',
      },
      {
        feedback_type: 'wandb.runnable.correctness',
        payload: { output: true },
        created_at: '2026-11-26T12:00:02Z',
      },
      { feedback_type: 'wandb.runnable.judge', payload: { output: { relevance: 0.7, reason: 'ok' } } },
      { feedback_type: 'wandb.annotation.quality', payload: { value: 4 } },
      { feedback_type: 'wandb.annotation.label', payload: { value: 'spam' } },
      { feedback_type: 'wandb.reaction.1', payload: { emoji: '👍' } },
      { feedback_type: 'slokit.slo', payload: { passed: true } },
      'not feedback',
    ]);
    expect(found.scores).toEqual({ correctness: true, 'judge.relevance': 0.7, quality: 4 });
    expect(found.types).toEqual([
      'slokit.slo',
      'wandb.annotation.label',
      'wandb.annotation.quality',
      'wandb.reaction.1',
      'wandb.runnable.correctness',
      'wandb.runnable.judge',
    ]);
  });
});

describe('evaluationMetrics', () => {
  it('names every number of the evaluate output by its dotted path', () => {
    expect(
      evaluationMetrics({
        model_success: { true_count: 2, true_fraction: 1 },
        exact: { correct: { true_count: 2, true_fraction: 1 }, score: { mean: 1 } },
        model_latency: { mean: 0.168 },
        helpfulness: { mean: null },
        output: { flag: true, text: 'x', list: [1] },
      }),
    ).toEqual({
      'model_success.true_count': 2,
      'model_success.true_fraction': 1,
      'exact.correct.true_count': 2,
      'exact.correct.true_fraction': 1,
      'exact.score.mean': 1,
      'model_latency.mean': 0.168,
      'helpfulness.mean': null,
      'output.flag': 1,
    });
    expect(evaluationMetrics(null)).toEqual({});
  });
});

describe('recordIdOf', () => {
  it('reads the configured path, falling back to the call id', () => {
    const fields = { attributes: { request_id: 'req-7', n: 3, empty: '' } };
    expect(recordIdOf(fields, 'c1', 'attributes.request_id')).toBe('req-7');
    expect(recordIdOf(fields, 'c1', 'attributes.n')).toBe('3');
    expect(recordIdOf(fields, 'c1', 'attributes.empty')).toBe('c1');
    expect(recordIdOf(fields, 'c1', 'inputs.missing')).toBe('c1');
    expect(recordIdOf(fields, 'c1', undefined)).toBe('c1');
  });
});

describe('callToRecord', () => {
  it('maps a finished call with latency, tokens, cost, feedback scores and metadata', () => {
    const mapped = callToRecord(
      call({
        display_name: 'nightly',
        summary: {
          usage: { 'gpt-4o': { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 } },
          weave: {
            status: 'success',
            latency_ms: 1500,
            costs: { 'gpt-4o': { prompt_tokens_total_cost: 0.0025, completion_tokens_total_cost: 0.001 } },
            feedback: [{ feedback_type: 'wandb.runnable.helpfulness', payload: { output: 0.9 } }],
          },
        },
      }),
      context,
    );
    expect(mapped).toEqual({
      kind: 'record',
      callId: 'c1',
      time: Date.parse('2026-11-26T12:00:00.250Z'),
      record: {
        id: 'c1',
        timestamp: '2026-11-26T12:00:00.250Z',
        latency_ms: 1500,
        status: 'success',
        error: undefined,
        cost_usd: 0.0035,
        tokens: { prompt: 1000, completion: 100, total: 1100 },
        scores: { helpfulness: 0.9 },
        tags: undefined,
        metadata: {
          tenant: 'globex',
          op: 'answer_question',
          model: 'gpt-4o',
          display_name: 'nightly',
          'feedback:wandb.runnable.helpfulness': true,
        },
        source: 'prod',
        url: 'https://wandb.ai/acme/bot/r/call/c1',
      },
    });
  });

  it('maps an exception to an error, and descendant_error to a flagged success', () => {
    const failed = callToRecord(
      call({ exception: 'upstream 503', summary: { weave: { status: 'error', latency_ms: 10 } } }),
      context,
    );
    expect(failed.kind === 'record' && [failed.record.status, failed.record.error]).toEqual([
      'error',
      'upstream 503',
    ]);
    const child = callToRecord(
      call({ summary: { weave: { status: 'descendant_error', latency_ms: 10 } } }),
      context,
    );
    expect(child.kind === 'record' && [child.record.status, child.record.metadata?.descendant_error]).toEqual(
      ['success', true],
    );
  });

  it('reports running calls as running and unusable calls as invalid', () => {
    expect(
      callToRecord(call({ ended_at: null, summary: { weave: { status: 'running' } } }), context),
    ).toEqual({
      kind: 'running',
      callId: 'c1',
      time: Date.parse('2026-11-26T12:00:00.250Z'),
    });
    expect(callToRecord({ id: 'c2', started_at: '2026-11-26T12:00:00Z' }, context)).toMatchObject({
      kind: 'invalid',
      callId: 'c2',
      time: Date.parse('2026-11-26T12:00:00Z'),
      message: expect.stringContaining('op_name'),
    });
    expect(callToRecord(call({ started_at: 'soon' }), context)).toMatchObject({
      kind: 'invalid',
      callId: 'c1',
    });
  });

  it('takes the record id from the configured path and keeps the call id in metadata', () => {
    const mapped = callToRecord(call({ attributes: { request_id: 'req-1' } }), {
      ...context,
      recordId: 'attributes.request_id',
    });
    expect(
      mapped.kind === 'record' && [mapped.record.id, mapped.record.metadata?.call_id, mapped.record.url],
    ).toEqual(['req-1', 'c1', 'https://wandb.ai/acme/bot/r/call/c1']);
  });
});

describe('predictRowToRecord', () => {
  const row = (overrides: Record<string, unknown>) =>
    call({
      op_name: 'weave:///acme/bot/op/Evaluation.predictAndScore:d1',
      parent_id: 'eval-1',
      inputs: {
        self: 'weave:///acme/bot/object/support-eval:e1',
        model: 'weave:///acme/bot/op/support_bot:m1',
      },
      ...overrides,
    });

  it('maps a TypeScript row: scores flattened, model_latency in ms, evaluation and model in metadata', () => {
    const mapped = predictRowToRecord(
      row({
        output: {
          model_success: true,
          model_output: 'A',
          scores: { exact: { correct: true, score: 1 }, helpfulness: 0.9 },
          model_latency: 0.168,
        },
      }),
      context,
    );
    expect(mapped.kind).toBe('record');
    if (mapped.kind !== 'record') return;
    expect(mapped.record).toMatchObject({
      id: 'c1',
      latency_ms: 168,
      status: 'success',
      scores: { 'exact.correct': true, 'exact.score': 1, helpfulness: 0.9 },
      tokens: { prompt: 1000, completion: 100, total: 1100 },
      metadata: {
        evaluation: 'support-eval',
        model: 'support_bot',
        llm: 'gpt-4o',
        evaluation_call: 'eval-1',
      },
    });
  });

  it('maps model failures: model_success false (TypeScript), a null output under descendant_error (Python)', () => {
    const js = predictRowToRecord(
      row({ output: { model_success: false, scores: {}, model_latency: 0.3 } }),
      context,
    );
    expect(js.kind === 'record' && [js.record.status, js.record.error, js.record.latency_ms]).toEqual([
      'error',
      'the model call failed',
      300,
    ]);
    const python = predictRowToRecord(
      row({
        op_name: 'weave:///acme/bot/op/Evaluation.predict_and_score:d2',
        output: { output: null, scores: {}, model_latency: 1.25 },
        summary: { status_counts: { error: 1 }, weave: { status: 'descendant_error', latency_ms: 1300 } },
      }),
      context,
    );
    expect(python.kind === 'record' && [python.record.status, python.record.latency_ms]).toEqual([
      'error',
      1250,
    ]);
    const scorerFailed = predictRowToRecord(
      row({
        output: { output: 'A', scores: { exact: true }, model_latency: 0.5 },
        summary: { weave: { status: 'descendant_error', latency_ms: 600 } },
      }),
      context,
    );
    expect(
      scorerFailed.kind === 'record' && [
        scorerFailed.record.status,
        scorerFailed.record.metadata?.descendant_error,
      ],
    ).toEqual(['success', true]);
  });

  it('falls back to the call latency when a row has no model_latency (EvaluationLogger rows)', () => {
    const mapped = predictRowToRecord(row({ output: { output: 'A', scores: { exact: true } } }), context);
    expect(mapped.kind === 'record' && mapped.record.latency_ms).toBe(1500);
  });
});
