import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeaveEmulator, type WeaveEmulator } from './start-weave-emulator.js';

let emulator: WeaveEmulator;
const project = 'acme/bot';

async function post(path: string, body: unknown, key = emulator.apiKey) {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`api:${key}`).toString('base64')}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}

async function calls(body: Record<string, unknown>) {
  const { status, text } = await post('/calls/stream_query', { project_id: project, ...body });
  expect(status).toBe(200);
  return text
    .split('\n')
    .filter(Boolean)
    .map(
      (line) => JSON.parse(line) as Record<string, unknown> & { summary: { weave: Record<string, unknown> } },
    );
}

function start(id: string, op: string, startedAt: string, extra: Record<string, unknown> = {}) {
  return {
    mode: 'start',
    req: {
      start: {
        project_id: project,
        id,
        trace_id: `t-${id}`,
        op_name: op,
        started_at: startedAt,
        attributes: {},
        inputs: {},
        ...extra,
      },
    },
  };
}
function end(id: string, endedAt: string, extra: Record<string, unknown> = {}) {
  return { mode: 'end', req: { end: { project_id: project, id, ended_at: endedAt, summary: {}, ...extra } } };
}

beforeAll(async () => {
  emulator = await startWeaveEmulator();
  const op = 'weave:///acme/bot/op/answer:d1';
  const { status } = await post('/call/upsert_batch', {
    batch: [
      start('ok', op, '2026-11-26T12:00:00.123456Z'),
      end('ok', '2026-11-26T12:00:01.623Z', {
        summary: { usage: { 'gpt-4o': { prompt_tokens: 1000, completion_tokens: 100 } } },
      }),
      start('failed', 'weave:///acme/bot/op/answer:d2', '2026-11-26T12:00:10Z', {
        display_name: 'nightly run',
      }),
      end('failed', '2026-11-26T12:00:11Z', { exception: 'boom', summary: { status_counts: { error: 1 } } }),
      start('child-failed', op, '2026-11-26T12:00:20Z'),
      end('child-failed', '2026-11-26T12:00:22Z', { summary: { status_counts: { error: 2, success: 1 } } }),
      start('running', op, '2026-11-26T12:00:30Z'),
      // An end whose start comes later: parts merge by id.
      end('late', '2026-11-26T12:00:45Z'),
      start('late', 'plain_op', '2026-11-26T12:00:40+00:00'),
    ],
  });
  expect(status).toBe(200);
});

afterAll(() => emulator.stop());

describe('weave emulator', () => {
  it('derives summary.weave on every read: status, latency_ms, trace_name', async () => {
    const all = await calls({});
    expect(
      all.map((call) => [
        call.id,
        call.summary.weave.status,
        call.summary.weave.latency_ms,
        call.summary.weave.trace_name,
      ]),
    ).toEqual([
      ['ok', 'success', 1500, 'answer'],
      ['failed', 'error', 1000, 'nightly run'],
      ['child-failed', 'descendant_error', 2000, 'answer'],
      ['running', 'running', undefined, 'answer'],
      ['late', 'success', 5000, 'plain_op'],
    ]);
    expect(all[0]!.started_at).toBe('2026-11-26T12:00:00.123456Z');
    expect(all[0]!.summary.weave).not.toHaveProperty('costs');
    expect(all[0]!.summary.weave).not.toHaveProperty('feedback');
  });

  it('matches op_names exactly or, with :*, any digest', async () => {
    expect(
      (await calls({ filter: { op_names: ['weave:///acme/bot/op/answer:*'] } })).map((call) => call.id),
    ).toEqual(['ok', 'failed', 'child-failed', 'running']);
    expect(
      (await calls({ filter: { op_names: ['weave:///acme/bot/op/answer:d2'] } })).map((call) => call.id),
    ).toEqual(['failed']);
    expect((await calls({ filter: { op_names: ['answer'] } })).map((call) => call.id)).toEqual([]);
    expect((await calls({ filter: { op_names: ['plain_op'] } })).map((call) => call.id)).toEqual(['late']);
  });

  it('evaluates the query language, sorts, pages and selects columns', async () => {
    const query = {
      $expr: {
        $and: [
          { $gte: [{ $getField: 'started_at' }, { $literal: Date.parse('2026-11-26T12:00:10Z') / 1000 }] },
          { $not: [{ $gt: [{ $getField: 'started_at' }, { $literal: '2026-11-26T12:00:35Z' }] }] },
          {
            $in: [
              { $getField: 'summary.weave.status' },
              [{ $literal: 'error' }, { $literal: 'running' }, { $literal: 'descendant_error' }],
            ],
          },
        ],
      },
    };
    const found = await calls({
      query,
      sort_by: [{ field: 'summary.weave.trace_name', direction: 'desc' }],
      columns: ['exception'],
    });
    expect(found.map((call) => call.id)).toEqual(['failed', 'child-failed', 'running']);
    expect(Object.keys(found[0]!).sort()).toEqual([
      'exception',
      'id',
      'op_name',
      'project_id',
      'started_at',
      'trace_id',
    ]);
    const paged = await calls({ sort_by: [{ field: 'started_at', direction: 'desc' }], offset: 1, limit: 2 });
    expect(paged.map((call) => call.id)).toEqual(['running', 'child-failed']);
    const contains = await calls({
      query: {
        $expr: {
          $contains: {
            input: { $getField: 'display_name' },
            substr: { $literal: 'NIGHTLY' },
            case_insensitive: true,
          },
        },
      },
    });
    expect(contains.map((call) => call.id)).toEqual(['failed']);
    const { text } = await post('/calls/query_stats', {
      project_id: project,
      query: { $expr: { $eq: [{ $getField: 'ended_at' }, { $literal: null }] } },
    });
    expect(JSON.parse(text)).toEqual({ count: 1 });
  });

  it('prices usage with include_costs, a project price winning over the default table', async () => {
    const before = await calls({ include_costs: true, filter: { call_ids: ['ok'] } });
    expect(before[0]!.summary.weave.costs).toMatchObject({
      'gpt-4o': {
        prompt_tokens_total_cost: 0.0025,
        completion_tokens_total_cost: 0.001,
        pricing_level: 'default',
      },
    });
    expect(
      (
        await post('/cost/create', {
          project_id: project,
          costs: { 'gpt-4o': { prompt_token_cost: 0.00001, completion_token_cost: 0 } },
        })
      ).status,
    ).toBe(200);
    const after = await calls({ include_costs: true, filter: { call_ids: ['ok'] } });
    expect(after[0]!.summary.weave.costs).toMatchObject({
      'gpt-4o': { prompt_tokens_total_cost: 0.01, completion_tokens_total_cost: 0, pricing_level: 'project' },
    });
  });

  it('enforces the feedback type rules and returns feedback with include_feedback', async () => {
    const ref = `weave:///${project}/call/ok`;
    const runnable = {
      project_id: project,
      weave_ref: ref,
      feedback_type: 'wandb.runnable.judge',
      payload: { output: 0.7 },
    };
    expect((await post('/feedback/create', runnable)).status).toBe(400);
    expect(
      (
        await post('/feedback/create', {
          ...runnable,
          runnable_ref: `weave:///${project}/op/other:x`,
          call_ref: `weave:///${project}/call/s1`,
        })
      ).text,
    ).toContain("runnable_ref names 'other'");
    expect(
      (
        await post('/feedback/create', {
          ...runnable,
          runnable_ref: `weave:///${project}/op/judge:x`,
          call_ref: `weave:///${project}/call/s1`,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post('/feedback/create', {
          project_id: project,
          weave_ref: ref,
          feedback_type: 'custom.type',
          payload: { a: 1 },
          call_ref: 'x',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post('/feedback/create', {
          project_id: project,
          weave_ref: ref,
          feedback_type: 'wandb.note.1',
          payload: { note: 'x'.repeat(1025) },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post('/feedback/create', {
          project_id: project,
          weave_ref: 'weave:///other/p/call/ok',
          feedback_type: 'x',
          payload: {},
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post('/feedback/create', {
          project_id: project,
          weave_ref: ref,
          feedback_type: 'slokit.slo',
          payload: { passed: true },
        })
      ).status,
    ).toBe(200);
    const [call] = await calls({ include_feedback: true, filter: { call_ids: ['ok'] } });
    expect(
      (call!.summary.weave.feedback as Array<{ feedback_type: string }>).map((entry) => entry.feedback_type),
    ).toEqual(['wandb.runnable.judge', 'slokit.slo']);
    const filtered = await calls({
      query: {
        $expr: { $gt: [{ $getField: 'feedback.[wandb.runnable.judge].payload.output' }, { $literal: 0.5 }] },
      },
    });
    expect(filtered.map((entry) => entry.id)).toEqual(['ok']);
  });

  it('rejects unknown fields with 422 and a FastAPI detail list, bad fields with 400', async () => {
    const unknown = await post('/calls/stream_query', {
      project_id: project,
      filter: { op_name: ['x'] },
      extra: 1,
    });
    expect(unknown.status).toBe(422);
    expect(JSON.parse(unknown.text).detail).toEqual([
      {
        type: 'extra_forbidden',
        loc: ['body', 'filter', 'op_name'],
        msg: 'Extra inputs are not permitted',
        input: ['x'],
      },
      { type: 'extra_forbidden', loc: ['body', 'extra'], msg: 'Extra inputs are not permitted', input: 1 },
    ]);
    const operator = await post('/calls/query_stats', {
      project_id: project,
      query: { $expr: { $lt: [{ $getField: 'id' }, { $literal: 1 }] } },
    });
    expect([operator.status, JSON.parse(operator.text).detail[0].loc]).toEqual([
      422,
      ['body', 'query', '$expr', '$lt'],
    ]);
    const field = await post('/calls/query_stats', {
      project_id: project,
      query: { $expr: { $eq: [{ $getField: 'nonsense' }, { $literal: 1 }] } },
    });
    expect([field.status, field.text]).toEqual([400, '{"reason":"Field nonsense is not allowed"}']);
    const missing = await post('/call/start', {
      start: { project_id: project, op_name: 'x', started_at: 'yesterday', inputs: {} },
    });
    expect(JSON.parse(missing.text).detail.map((entry: { loc: string[] }) => entry.loc.join('.'))).toEqual([
      'body.start.started_at',
      'body.start.attributes',
    ]);
  });

  it('needs Basic auth as user api, except for /health and /server_info', async () => {
    expect((await post('/calls/query_stats', { project_id: project }, 'wrong')).status).toBe(401);
    const anonymous = await fetch(`${emulator.url}/calls/query_stats`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await (await fetch(`${emulator.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${emulator.url}/server_info`)).json()).toEqual({
      min_required_weave_python_version: '0.0.1',
    });
  });

  it('injects faults: status with Retry-After, cut JSONL, reset', async () => {
    emulator.addFault({ kind: 'rate-limit', retryAfter: 3, path: '/calls/query_stats' });
    const limited = await post('/calls/query_stats', { project_id: project });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await post('/calls/query_stats', { project_id: project })).status).toBe(200);
    emulator.addFault({ kind: 'truncate', afterLines: 2, path: '/calls/stream_query' });
    const cut = await post('/calls/stream_query', { project_id: project });
    const lines = cut.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(() => JSON.parse(lines[2]!)).toThrow();
    emulator.addFault({ kind: 'reset', afterLines: 1, path: '/calls/stream_query' });
    await expect(post('/calls/stream_query', { project_id: project })).rejects.toThrow();
  });
});
