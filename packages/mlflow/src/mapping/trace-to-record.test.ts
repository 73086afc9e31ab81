import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceInfo } from '../client/mlflow-schemas.js';
import { traceInfoSchema } from '../client/mlflow-schemas.js';
import { mlflowLinks } from './mlflow-links.js';
import { defaultModelPrices } from './model-prices.js';
import { setDotted, type TraceMappingContext, traceToRecord } from './trace-to-record.js';

const context: TraceMappingContext = {
  source: 'prod',
  links: mlflowLinks('http://mlflow:5000', false),
  prices: defaultModelPrices,
};

/** The twelve traces of the recorded support-bot-prod experiment (a real MLflow 3.6 response). */
function recordedTraces(): TraceInfo[] {
  const testkitDir = dirname(createRequire(import.meta.url).resolve('@slokit/testkit/package.json'));
  const line = readFileSync(
    join(testkitDir, 'src/mlflow-emulator/fixtures/mlflow-3.6-recorded.jsonl'),
    'utf8',
  )
    .split('\n')
    .find((text) => text.includes('"077-traces-v3-search-all-default-order"'))!;
  const body = JSON.parse(line).response.body as { traces: unknown[] };
  return body.traces.map((trace) => traceInfoSchema.parse(trace));
}

describe('traceToRecord', () => {
  it('maps a recorded OK trace with assessments', () => {
    const trace = recordedTraces().find((item) => item.trace_id === 'tr-a2bc372f7412b29347294739614ff3d7')!;
    const mapped = traceToRecord(trace, context);
    expect(mapped).toEqual({
      kind: 'record',
      time: Date.parse('2026-11-26T19:24:19.202Z'),
      record: {
        id: 'req-5ec42e0829a3',
        timestamp: '2026-11-26T19:24:19.202Z',
        latency_ms: 880,
        status: 'success',
        error: undefined,
        cost_usd: undefined,
        tokens: { prompt: 826, completion: 91, total: 917 },
        scores: { helpfulness: 0.8, correctness: true },
        tags: ['app.version=2.4.0', 'env=prod'],
        metadata: {
          app: { version: '2.4.0' },
          env: 'prod',
          trace_name: 'support_agent',
          user: 'user-1059',
          session: 'sess-0002',
          run_id: 'fb8bd73c41fe44819307df782a724da9',
          trace_id: 'tr-a2bc372f7412b29347294739614ff3d7',
          experiment_id: '4',
        },
        source: 'prod',
        url: 'http://mlflow:5000/#/experiments/4/traces?selectedEvaluationId=tr-a2bc372f7412b29347294739614ff3d7',
      },
    });
  });

  it('maps every recorded trace: two errors with their error.type, booleans and yes/no alike', () => {
    const records = recordedTraces().map((trace) => traceToRecord(trace, context));
    expect(records.every((mapped) => mapped.kind === 'record')).toBe(true);
    const mapped = records.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
    expect(
      mapped
        .filter((record) => record.status === 'error')
        .map((record) => record.error)
        .sort(),
    ).toEqual(['PolicyRefusal', 'UpstreamTimeout']);
    const correctness = mapped.map((record) => record.scores?.correctness);
    expect(
      correctness.filter((value) => value !== undefined).every((value) => typeof value === 'boolean'),
    ).toBe(true);
    expect(correctness.filter((value) => value === undefined)).toHaveLength(2);
    expect(mapped.map((record) => record.latency_ms).sort((a, b) => a! - b!)[0]).toBe(420);
  });

  it('prices tokens by the model in the trace metadata when MLflow recorded no cost', () => {
    const trace: TraceInfo = {
      trace_id: 'tr-1',
      request_time: '2026-11-26T12:00:00Z',
      execution_duration: '1.500s',
      state: 'OK',
      trace_metadata: {
        'mlflow.trace.tokenUsage': '{"input_tokens": 1000, "output_tokens": 100, "total_tokens": 1100}',
        model: 'gpt-4o-mini',
      },
    };
    const mapped = traceToRecord(trace, context);
    expect(mapped.kind === 'record' && mapped.record.cost_usd).toBeCloseTo(0.00021, 12);
    const byKey = traceToRecord(
      { ...trace, trace_metadata: { ...trace.trace_metadata, llm: 'gpt-4o' }, tags: {} },
      { ...context, modelKey: 'llm' },
    );
    expect(byKey.kind === 'record' && byKey.record.cost_usd).toBeCloseTo(0.0035, 12);
    const recorded = traceToRecord(
      { ...trace, trace_metadata: { ...trace.trace_metadata, 'mlflow.trace.cost': '{"total_cost": 0.5}' } },
      context,
    );
    expect(recorded.kind === 'record' && recorded.record.cost_usd).toBe(0.5);
  });

  it('leaves IN_PROGRESS traces pending and reports unusable ones', () => {
    expect(traceToRecord({ trace_id: 'tr-1', state: 'IN_PROGRESS' }, context)).toEqual({ kind: 'pending' });
    expect(
      traceToRecord(
        { trace_id: 'tr-2', state: 'STATE_UNSPECIFIED', request_time: '2026-11-26T12:00:00Z' },
        context,
      ),
    ).toEqual({
      kind: 'problem',
      message: 'trace tr-2 has state STATE_UNSPECIFIED, neither OK nor ERROR',
    });
    expect(traceToRecord({ trace_id: 'tr-3', state: 'OK', request_time: 'yesterday' }, context).kind).toBe(
      'problem',
    );
    expect(
      traceToRecord(
        {
          trace_id: 'tr-4',
          state: 'OK',
          request_time: '2026-11-26T12:00:00Z',
          execution_duration: '5 minutes',
        },
        context,
      ),
    ).toMatchObject({ kind: 'problem', message: expect.stringContaining('execution_duration') });
  });

  it('puts string feedback under metadata.feedback and adds extra metadata', () => {
    const mapped = traceToRecord(
      {
        trace_id: 'tr-5',
        state: 'OK',
        request_time: '2026-11-26T12:00:00Z',
        assessments: [{ assessment_name: 'tone', feedback: { value: 'curt' }, valid: true }],
      },
      { ...context, extraMetadata: { run_id: 'r1', run_name: 'eval' } },
    );
    expect(mapped.kind === 'record' && mapped.record.metadata).toEqual({
      feedback: { tone: 'curt' },
      trace_id: 'tr-5',
      run_id: 'r1',
      run_name: 'eval',
    });
    expect(mapped.kind === 'record' && mapped.record.id).toBe('tr-5');
  });
});

describe('setDotted', () => {
  it('nests dotted keys and keeps the flat key on a conflict', () => {
    const target: Record<string, unknown> = { app: 'x' };
    setDotted(target, 'gen_ai.request.model', 'gpt-4o');
    setDotted(target, 'app.version', '2');
    setDotted(target, 'odd..key', 1);
    expect(target).toEqual({
      app: 'x',
      gen_ai: { request: { model: 'gpt-4o' } },
      'app.version': '2',
      'odd..key': 1,
    });
  });

  it('never writes through a prototype, and reports the keys it drops', () => {
    const target: Record<string, unknown> = {};
    const dropped: string[] = [];
    setDotted(target, '__proto__.url', 'https://attacker.example', dropped);
    setDotted(target, 'constructor.prototype.url', 'https://attacker.example', dropped);
    setDotted(target, 'toString.url', 'inherited names are fine', dropped);
    setDotted(target, '__proto__', 'x', dropped);
    expect(({} as Record<string, unknown>).url).toBeUndefined();
    expect(target).toEqual({ toString: { url: 'inherited names are fine' } });
    expect(dropped).toEqual(['__proto__.url', 'constructor.prototype.url', '__proto__']);
  });
});
