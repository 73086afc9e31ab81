import { defineConfig, type EvalRecord, type EvalSourceV1, type RecordBatch } from '@slokit/core';
import { check } from '@slokit/engine';
import { generateSupportBotTraffic } from '@slokit/testkit';
import { startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveWeaveSettings } from '../settings/weave-source-config.js';
import { createWeaveSource } from './weave-eval-source.js';

let emulator: WeaveEmulator;

function source(config: Record<string, unknown>, name = 'prod'): EvalSourceV1 {
  const settings = resolveWeaveSettings(
    name,
    { type: 'weave', ...config },
    {
      baseDir: '.',
      env: { WANDB_API_KEY: emulator.apiKey, WF_TRACE_SERVER_URL: emulator.url },
    },
  );
  return createWeaveSource(settings, { retry: { random: () => 0, sleep: async () => {} } });
}

async function readAll(from: EvalSourceV1, options: Parameters<EvalSourceV1['readRecords']>[0] = {}) {
  const batches: RecordBatch[] = [];
  for await (const batch of from.readRecords(options)) batches.push(batch);
  return {
    batches,
    records: batches.flatMap((batch) => batch.records),
    issues: batches.flatMap((batch) => batch.issues),
  };
}

function start(
  project: string,
  id: string,
  opName: string,
  startedAt: string,
  extra: Record<string, unknown> = {},
) {
  return fetch(`${emulator.url}/call/start`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`api:${emulator.apiKey}`).toString('base64')}`,
    },
    body: JSON.stringify({
      start: {
        project_id: project,
        id,
        trace_id: `trace-${id}`,
        op_name: opName,
        started_at: startedAt,
        attributes: {},
        inputs: {},
        ...extra,
      },
    }),
  }).then((response) => expect(response.status).toBe(200));
}

function end(project: string, id: string, endedAt: string, extra: Record<string, unknown> = {}) {
  return fetch(`${emulator.url}/call/end`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`api:${emulator.apiKey}`).toString('base64')}`,
    },
    body: JSON.stringify({ end: { project_id: project, id, ended_at: endedAt, summary: {}, ...extra } }),
  }).then((response) => expect(response.status).toBe(200));
}

beforeAll(async () => {
  emulator = await startWeaveEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.clearFaults());

describe('weave ops source', () => {
  const traffic = {
    seed: 'ops-source',
    count: 400,
    start: '2026-11-26T10:00:00Z',
    end: '2026-11-26T14:00:00Z',
  };

  beforeAll(() => {
    emulator.seedSupportBotCalls({ project: 'acme/traffic', ...traffic });
  });

  it('turns every call into the record the app logged: latency, status, error, tokens, cost, scores, metadata', async () => {
    const expected = new Map<string, EvalRecord>();
    for (const record of generateSupportBotTraffic(traffic)) expected.set(record.timestamp, record);
    const { records, issues, batches } = await readAll(
      source({ project: 'acme/traffic', ops: ['answer_question'], pageSize: 64 }),
    );
    expect(issues).toEqual([]);
    expect(batches.length).toBeGreaterThan(5);
    expect(records).toHaveLength(400);
    for (const record of records) {
      const truth = expected.get(record.timestamp!)!;
      expect(record.latency_ms).toBe(truth.latency_ms);
      expect(record.status).toBe(truth.status);
      expect(record.error).toBe(truth.error);
      expect(record.tokens).toEqual(truth.tokens);
      expect(record.metadata).toMatchObject({
        op: 'answer_question',
        model: truth.metadata!.model,
        tenant: truth.metadata!.tenant,
        prompt_version: truth.metadata!.prompt_version,
      });
      expect(record.scores).toEqual(truth.scores);
      // The generator rounds its costs to micro-dollars; the server does not.
      if (truth.status === 'success')
        expect(Math.abs(record.cost_usd! - truth.cost_usd!)).toBeLessThanOrEqual(5.01e-7);
      expect(record.url).toBe(`${emulator.url}/acme/traffic/r/call/${record.id}`);
      expect(record.source).toBe('prod');
    }
  });

  it('leaves out feedback and costs when told to', async () => {
    const { records } = await readAll(
      source({ project: 'acme/traffic', ops: ['answer_question'], feedback: false, costs: false }),
      { since: new Date('2026-11-26T13:00:00Z') },
    );
    expect(records.length).toBeGreaterThan(50);
    expect(records.every((record) => record.scores === undefined && record.cost_usd === undefined)).toBe(
      true,
    );
    expect(records.every((record) => record.tokens !== undefined)).toBe(true);
  });

  it('matches an op by name across versions, and plain op names', async () => {
    const project = 'acme/versions';
    await start(project, 'v1', 'weave:///acme/versions/op/answer_question:aaa', '2026-11-26T12:00:00Z');
    await end(project, 'v1', '2026-11-26T12:00:01Z');
    await start(project, 'v2', 'weave:///acme/versions/op/answer_question:bbb', '2026-11-26T12:01:00Z');
    await end(project, 'v2', '2026-11-26T12:01:02Z');
    await start(project, 'raw', 'answer_question', '2026-11-26T12:02:00Z');
    await end(project, 'raw', '2026-11-26T12:02:03Z');
    await start(project, 'other', 'weave:///acme/versions/op/answer_question_v2:ccc', '2026-11-26T12:03:00Z');
    await end(project, 'other', '2026-11-26T12:03:04Z');
    const { records } = await readAll(source({ project, ops: ['answer_question'] }));
    expect(records.map((record) => [record.id, record.latency_ms])).toEqual([
      ['v1', 1000],
      ['v2', 2000],
      ['raw', 3000],
    ]);
  });

  it('counts a descendant_error as a success of the root, flagged; skips running calls until they end', async () => {
    const project = 'acme/status';
    const op = 'weave:///acme/status/op/answer_question:aaa';
    await start(project, 'ok', op, '2026-11-26T12:00:00Z');
    await end(project, 'ok', '2026-11-26T12:00:01Z', {
      summary: { status_counts: { success: 2, error: 1 } },
    });
    await start(project, 'failed', op, '2026-11-26T12:00:10Z');
    await end(project, 'failed', '2026-11-26T12:00:12Z', { exception: 'RateLimitError: 429' });
    await start(project, 'running', op, '2026-11-26T12:00:20Z');
    await start(project, 'later', op, '2026-11-26T12:00:30Z');
    await end(project, 'later', '2026-11-26T12:00:31Z');

    const read = source({ project, ops: ['answer_question'], pageSize: 2 });
    const first = await readAll(read);
    expect(
      first.records.map((record) => [
        record.id,
        record.status,
        record.error,
        record.metadata?.descendant_error,
      ]),
    ).toEqual([
      ['ok', 'success', undefined, true],
      ['failed', 'error', 'RateLimitError: 429', undefined],
      ['later', 'success', undefined, undefined],
    ]);
    const cursor = first.batches.at(-1)!.cursor!;
    await end(project, 'running', '2026-11-26T12:00:25Z');
    const resumed = await readAll(read, { cursor });
    expect(resumed.records.map((record) => [record.id, record.latency_ms])).toEqual([['running', 5000]]);
    expect((await readAll(read, { cursor: resumed.batches.at(-1)!.cursor! })).records).toEqual([]);
  });

  it('reads calls that share a start time across pages, each once', async () => {
    const project = 'acme/ties';
    for (let index = 0; index < 7; index++) {
      await start(
        project,
        `tie-${index}`,
        'weave:///acme/ties/op/answer_question:aaa',
        '2026-11-26T12:00:00.000Z',
      );
      await end(project, `tie-${index}`, '2026-11-26T12:00:01.000Z');
    }
    const { records } = await readAll(source({ project, ops: ['answer_question'], pageSize: 3 }));
    expect(records.map((record) => record.id)).toEqual([
      'tie-0',
      'tie-1',
      'tie-2',
      'tie-3',
      'tie-4',
      'tie-5',
      'tie-6',
    ]);
  });

  it('looks back for calls that arrived late when it resumes, without repeating the others', async () => {
    const project = 'acme/late';
    const op = 'weave:///acme/late/op/answer_question:aaa';
    await start(project, 'a', op, '2026-11-26T12:00:00Z');
    await end(project, 'a', '2026-11-26T12:00:01Z');
    await start(project, 'b', op, '2026-11-26T12:00:30Z');
    await end(project, 'b', '2026-11-26T12:00:31Z');
    const read = source({ project, ops: ['answer_question'], overlap: '1m' });
    const first = await readAll(read);
    expect(first.records.map((record) => record.id)).toEqual(['a', 'b']);
    // Uploaded after the first read, though it started before its last call.
    await start(project, 'late', op, '2026-11-26T12:00:20Z');
    await end(project, 'late', '2026-11-26T12:00:22Z');
    await start(project, 'next', op, '2026-11-26T12:01:00Z');
    await end(project, 'next', '2026-11-26T12:01:01Z');
    const resumed = await readAll(read, { cursor: first.batches.at(-1)!.cursor! });
    expect(resumed.records.map((record) => record.id)).toEqual(['late', 'next']);
  });

  it('reports calls it cannot use as issues', async () => {
    const project = 'acme/bad';
    await start(project, 'good', 'weave:///acme/bad/op/answer_question:aaa', '2026-11-26T12:00:00Z');
    await end(project, 'good', '2026-11-26T12:00:01Z');
    await start(project, 'backwards', 'weave:///acme/bad/op/answer_question:aaa', '2026-11-26T12:00:05Z');
    await end(project, 'backwards', '2026-11-26T12:00:04Z');
    const { records, issues } = await readAll(source({ project, ops: ['answer_question'] }));
    expect(records.map((record) => record.id)).toEqual(['good']);
    expect(issues).toEqual([
      {
        source: 'prod',
        location: 'weave project acme/bad, call backwards',
        message: "no latency: ended_at '2026-11-26T12:00:04.000000Z' is not after started_at",
      },
    ]);
  });

  it('survives 429s, 5xx and cut streams in the middle of a read, counting every call once', async () => {
    emulator.addFault({ kind: 'rate-limit', retryAfter: 0, path: '/calls/stream_query' });
    emulator.addFault({ kind: 'truncate', afterLines: 30, path: '/calls/stream_query' });
    emulator.addFault({ kind: 'reset', afterLines: 10, path: '/calls/stream_query' });
    emulator.addFault({ kind: 'status', status: 502, path: '/calls/stream_query' });
    const { records } = await readAll(
      source({ project: 'acme/traffic', ops: ['answer_question'], pageSize: 64 }),
    );
    expect(records).toHaveLength(400);
    expect(new Set(records.map((record) => record.id)).size).toBe(400);
  });

  it('fails the check of a source whose stream keeps breaking, counting none of its records', async () => {
    emulator.addFault({
      kind: 'truncate',
      afterLines: 5,
      path: '/calls/stream_query',
      times: Number.POSITIVE_INFINITY,
    });
    const report = await check(
      defineConfig({
        sources: { prod: { type: 'weave' } },
        slos: [
          {
            name: 'p95',
            sli: { metric: 'latency_ms', aggregate: 'p95' },
            objective: { op: 'lte', target: 3000 },
          },
        ],
      }),
      {
        at: '2026-11-26T14:00:00Z',
        sources: { prod: source({ project: 'acme/traffic', ops: ['answer_question'], pageSize: 64 }) },
      },
    );
    expect(report.slos[0]).toMatchObject({ status: 'no_data', value: null, samples: 0 });
    expect(report.sources[0]!.error).toMatch(
      /stream_query: the stream ended in the middle of line 6, after 5 complete call\(s\)/,
    );
  });
});

describe('weave evaluations source', () => {
  const project = 'acme/evals';
  let older: { evaluationCallId: string };
  let latest: { evaluationCallId: string; endedAt: string };

  beforeAll(() => {
    older = emulator.seedEvaluation({
      project,
      name: 'support-eval',
      startedAt: '2026-11-25T09:00:00.000Z',
      rows: [
        { scores: { correctness: true, relevance: { score: 0.5 } }, modelLatencyMs: 1000 },
        { scores: { correctness: false, relevance: { score: 0.25 } }, modelLatencyMs: 3000 },
      ],
    });
    latest = emulator.seedEvaluation({
      project,
      name: 'support-eval',
      startedAt: '2026-11-26T09:00:00.000Z',
      rows: [
        {
          scores: { correctness: true, relevance: { score: 1 } },
          modelLatencyMs: 800,
          usage: { model: 'gpt-4o', prompt: 1000, completion: 100 },
        },
        { scores: { correctness: true, relevance: { score: 0.5 } }, modelLatencyMs: 1250 },
        { scores: { correctness: false, relevance: { score: 0 } }, modelLatencyMs: 2400 },
        { scores: { correctness: true, relevance: { score: 1 } }, modelLatencyMs: 600, error: 'timeout' },
      ],
    });
    emulator.seedEvaluation({
      project,
      name: 'tone-eval',
      sdk: 'js',
      startedAt: '2026-11-26T08:00:00.000Z',
      rows: [
        { scores: { polite: true }, modelLatencyMs: 400 },
        { scores: { polite: false }, modelLatencyMs: 500, error: 'boom' },
      ],
    });
  });

  it('reads the rows of the latest run, with scores, model latency and model failures', async () => {
    const { records } = await readAll(source({ project, evaluations: 'latest' }, 'evals'));
    expect(records.map((record) => [record.status, record.latency_ms, record.scores])).toEqual([
      ['success', 800, { correctness: true, 'relevance.score': 1 }],
      ['success', 1250, { correctness: true, 'relevance.score': 0.5 }],
      ['success', 2400, { correctness: false, 'relevance.score': 0 }],
      ['error', 600, undefined],
    ]);
    expect(records[0]).toMatchObject({
      tokens: { prompt: 1000, completion: 100, total: 1100 },
      cost_usd: 1000 * 0.0000025 + 100 * 0.00001,
      metadata: {
        evaluation: 'support-eval',
        model: 'support_bot_model',
        llm: 'gpt-4o',
        evaluation_call: latest.evaluationCallId,
      },
    });
  });

  it('gives the latest run output as evalMetrics, with its row count, name and time', async () => {
    const summary = await source({ project, evaluations: 'latest' }, 'evals').readEvalSummary!();
    expect(summary).toEqual({
      metrics: {
        'correctness.true_count': 2,
        'correctness.true_fraction': 0.5,
        'relevance.score.mean': 0.375,
        'model_latency.mean': (0.8 + 1.25 + 2.4 + 0.6) / 4,
      },
      samples: 4,
      name: 'support-eval (eval-2026-11-26-support-eval)',
      timestamp: latest.endedAt,
      url: `${emulator.url}/${project}/r/call/${latest.evaluationCallId}`,
    });
  });

  it('reads every run with `all`, and the latest run of one evaluation by name (TypeScript rows too)', async () => {
    const all = await readAll(source({ project, evaluations: 'all' }, 'evals'));
    expect(all.records).toHaveLength(8);
    expect(new Set(all.records.map((record) => record.metadata?.evaluation_call))).toEqual(
      new Set([older.evaluationCallId, latest.evaluationCallId, expect.any(String)]),
    );
    const tone = source({ project, evaluations: 'tone-eval' }, 'evals');
    const { records } = await readAll(tone);
    expect(records.map((record) => [record.status, record.error, record.latency_ms, record.scores])).toEqual([
      ['success', undefined, 400, { polite: true }],
      ['error', 'the model call failed', 500, undefined],
    ]);
    expect((await tone.readEvalSummary!())?.metrics).toEqual({
      'model_success.true_count': 1,
      'model_success.true_fraction': 0.5,
      'polite.true_count': 1,
      'polite.true_fraction': 0.5,
      'model_latency.mean': 0.45,
    });
  });

  it('keeps reading the same run when resumed from a cursor after a newer run landed', async () => {
    const project2 = 'acme/evals-resume';
    const first = emulator.seedEvaluation({
      project: project2,
      name: 'support-eval',
      startedAt: '2026-11-26T09:00:00.000Z',
      rows: [1, 2, 3, 4, 5].map((index) => ({
        scores: { correctness: index % 2 === 0 },
        modelLatencyMs: index * 100,
      })),
    });
    const read = source({ project: project2, evaluations: 'latest', pageSize: 2 }, 'evals');
    let cursor: string | undefined;
    const seen: string[] = [];
    for await (const batch of read.readRecords()) {
      seen.push(...batch.records.map((record) => record.id!));
      cursor = batch.cursor;
      break;
    }
    emulator.seedEvaluation({
      project: project2,
      name: 'support-eval',
      startedAt: '2026-11-26T11:00:00.000Z',
      rows: [{ scores: { correctness: true }, modelLatencyMs: 100 }],
    });
    const rest = await readAll(read, { cursor: cursor! });
    expect([...seen, ...rest.records.map((record) => record.id!)]).toEqual(first.rowCallIds);
  });

  it('has no records and no summary for a project without evaluations', async () => {
    const empty = source({ project: 'acme/empty', evaluations: 'latest' }, 'evals');
    expect((await readAll(empty)).records).toEqual([]);
    expect(await empty.readEvalSummary!()).toBeUndefined();
  });
});
