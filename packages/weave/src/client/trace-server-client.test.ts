import { ApiCallError } from '@slokit/adapter-utils';
import { startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TraceServerClient } from './trace-server-client.js';

const project = 'acme/support-bot';
let emulator: WeaveEmulator;
let sleeps: number[];

function client(options: { apiKey?: string; timeoutMs?: number; maxAttempts?: number } = {}) {
  return new TraceServerClient({
    baseUrl: emulator.url,
    apiKey: options.apiKey ?? emulator.apiKey,
    source: 'prod',
    timeoutMs: options.timeoutMs ?? 5000,
    retry: {
      maxAttempts: options.maxAttempts ?? 4,
      random: () => 0,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
    },
  });
}

const query = {
  project_id: project,
  filter: { op_names: ['weave:///acme/support-bot/op/answer_question:*'] },
};

function requestsTo(path: string) {
  return emulator.requests.filter((request) => request.path === path).length;
}

beforeAll(async () => {
  emulator = await startWeaveEmulator();
  emulator.seedSupportBotCalls({
    project,
    seed: 'client',
    count: 12,
    start: '2026-11-26T12:00:00Z',
    end: '2026-11-26T13:00:00Z',
  });
});

afterAll(() => emulator.stop());

beforeEach(() => {
  emulator.clearFaults();
  sleeps = [];
});

describe('TraceServerClient', () => {
  it('checks health and reads server info without credentials', async () => {
    const anonymous = client({ apiKey: 'not-the-key' });
    expect(await anonymous.health()).toEqual({ status: 'ok' });
    expect(await anonymous.serverInfo()).toEqual({ min_required_weave_python_version: '0.0.1' });
  });

  it('streams calls, parsing each line as it arrives', async () => {
    emulator.addFault({ kind: 'slow', delayMs: 0, lineDelayMs: 150, path: '/calls/stream_query' });
    const started = Date.now();
    const arrivals: number[] = [];
    const ids: string[] = [];
    for await (const entry of client().streamCalls({ ...query, limit: 4 })) {
      arrivals.push(Date.now() - started);
      ids.push((entry.value as { id: string }).id);
    }
    expect(ids).toHaveLength(4);
    // The first call is in hand while the server is still writing the others.
    expect(arrivals[0]!).toBeLessThan(arrivals[3]! - 300);
    expect(ids).toEqual(
      emulator
        .project(project)
        .sortedCalls()
        .slice(0, 4)
        .map((call) => call.id),
    );
  });

  it('sends Basic auth as user api; a wrong key fails at once, naming the endpoint and WANDB_API_KEY', async () => {
    const before = requestsTo('/calls/query_stats');
    const error = await client({ apiKey: 'wrong-key-0123456789' })
      .queryStats(query)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).statusCode).toBe(401);
    expect((error as Error).message).toContain(`POST ${emulator.url}/calls/query_stats answered 401`);
    expect((error as Error).message).toContain('WANDB_API_KEY, …6789');
    expect(requestsTo('/calls/query_stats') - before).toBe(1);
    expect(await client().queryStats(query)).toBe(12);
  });

  it('fails at once on 403, saying the key may not access the project', async () => {
    emulator.addFault({
      kind: 'status',
      status: 403,
      body: { detail: 'Permission denied' },
      path: '/calls/query_stats',
    });
    const error = await client()
      .queryStats(query)
      .catch((caught: unknown) => caught);
    expect((error as ApiCallError).statusCode).toBe(403);
    expect((error as Error).message).toMatch(
      /answered 403 Forbidden: Permission denied \(the key in WANDB_API_KEY, …4567, may not access this project\)/,
    );
    expect(sleeps).toEqual([]);
  });

  it("reports the server's validation detail for a request it rejects, without retrying", async () => {
    const before = requestsTo('/calls/query_stats');
    const error = await client()
      .queryStats({ ...query, filter: { ...query.filter, bogus: true } as never })
      .catch((caught: unknown) => caught);
    expect((error as ApiCallError).statusCode).toBe(422);
    expect((error as Error).message).toContain('body.filter.bogus: Extra inputs are not permitted');
    expect(requestsTo('/calls/query_stats') - before).toBe(1);
  });

  it('retries 429 as long as Retry-After asks, and 5xx with backoff', async () => {
    emulator.addFault({ kind: 'rate-limit', retryAfter: 2, path: '/calls/query_stats', times: 2 });
    expect(await client().queryStats(query)).toBe(12);
    expect(sleeps).toEqual([2000, 2000]);
    sleeps = [];
    emulator.addFault({ kind: 'status', status: 503, path: '/call/read', times: 2 });
    emulator.addFault({ kind: 'status', status: 502, path: '/call/read' });
    const id = emulator.project(project).sortedCalls()[0]!.id;
    expect((await client().readCall({ project_id: project, id }))?.id).toBe(id);
    expect(sleeps).toHaveLength(3);
  });

  it('gives up after its attempts with the last failure', async () => {
    emulator.addFault({
      kind: 'status',
      status: 500,
      body: { reason: 'clickhouse down' },
      path: '/calls/query_stats',
      times: Number.POSITIVE_INFINITY,
    });
    const error = await client({ maxAttempts: 3 })
      .queryStats(query)
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/query_stats answered 500.*clickhouse down/);
    expect(sleeps).toHaveLength(2);
  });

  it('retries a request that got no answer in time', async () => {
    emulator.addFault({ kind: 'slow', delayMs: 5000, path: '/calls/query_stats' });
    const before = requestsTo('/calls/query_stats');
    expect(await client({ timeoutMs: 1000 }).queryStats(query)).toBe(12);
    // A loaded machine may time out a prompt retry too: only the first, slow attempt surely timed out.
    expect(requestsTo('/calls/query_stats') - before).toBeGreaterThanOrEqual(2);
  });

  it('retries a JSON answer cut short, and says so when it stays cut', async () => {
    emulator.addFault({ kind: 'truncate', path: '/calls/query_stats' });
    expect(await client().queryStats(query)).toBe(12);
    emulator.addFault({ kind: 'truncate', path: '/calls/query_stats', times: Number.POSITIVE_INFINITY });
    await expect(client({ maxAttempts: 2 }).queryStats(query)).rejects.toThrow(
      /query_stats: the answer is not complete JSON/,
    );
  });

  it('fails a stream cut in the middle of a line with a clear error, after retrying it', async () => {
    emulator.addFault({
      kind: 'truncate',
      afterLines: 2,
      path: '/calls/stream_query',
      times: Number.POSITIVE_INFINITY,
    });
    const error = await client({ maxAttempts: 3 })
      .queryCalls({ ...query, limit: 5 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).isRetryable).toBe(true);
    expect((error as Error).message).toContain(
      `POST ${emulator.url}/calls/stream_query: the stream ended in the middle of line 3, after 2 complete call(s)`,
    );
    expect(sleeps).toHaveLength(2);
  });

  it('retries a stream whose connection is reset, and returns the whole answer once', async () => {
    emulator.addFault({ kind: 'reset', afterLines: 1, path: '/calls/stream_query' });
    const calls = await client().queryCalls({ ...query, limit: 5 });
    expect(calls).toHaveLength(5);
    expect(sleeps).toHaveLength(1);
    emulator.addFault({
      kind: 'reset',
      afterLines: 1,
      path: '/calls/stream_query',
      times: Number.POSITIVE_INFINITY,
    });
    await expect(client({ maxAttempts: 1 }).queryCalls({ ...query, limit: 5 })).rejects.toThrow(
      /the connection broke after 1 call\(s\) of the stream/,
    );
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user stopped'));
    await expect(client().queryStats(query, controller.signal)).rejects.toThrow('user stopped');
  });

  it('writes calls and feedback, and reads them back', async () => {
    const api = client();
    await api.startCall({
      project_id: project,
      id: 'call-a',
      trace_id: 'trace-a',
      op_name: 'slokit.check',
      started_at: '2026-11-26T14:00:00.000Z',
      attributes: {},
      inputs: { slos: [] },
    });
    await api.endCall({
      project_id: project,
      id: 'call-a',
      ended_at: '2026-11-26T14:00:01.500Z',
      output: { ok: true },
      summary: {},
    });
    const read = await api.readCall({ project_id: project, id: 'call-a' });
    expect(read).toMatchObject({
      id: 'call-a',
      started_at: '2026-11-26T14:00:00.000000Z',
      output: { ok: true },
      summary: { weave: { status: 'success', latency_ms: 1500, trace_name: 'slokit.check' } },
    });
    expect(await api.readCall({ project_id: project, id: 'missing' })).toBeNull();

    const created = await api.createFeedback({
      project_id: project,
      weave_ref: `weave:///${project}/call/call-a`,
      feedback_type: 'slokit.slo',
      payload: { passed: true },
    });
    const found = await api.queryFeedback({
      project_id: project,
      fields: ['id', 'payload'],
      query: { $expr: { $eq: [{ $getField: 'payload.passed' }, { $literal: true }] } },
    });
    expect(found).toEqual([{ id: created.id, payload: { passed: true } }]);
    await expect(
      api.createFeedback({
        project_id: project,
        weave_ref: `weave:///${project}/call/call-a`,
        feedback_type: 'wandb.runnable.x',
        payload: { output: 1 },
      }),
    ).rejects.toThrow(/answered 400.*runnable_ref is required/);

    const batch = await api.upsertBatch([
      {
        mode: 'start',
        req: {
          start: {
            project_id: project,
            id: 'call-b',
            trace_id: 'trace-b',
            op_name: 'slokit.check',
            started_at: '2026-11-26T14:00:00Z',
            attributes: {},
            inputs: {},
          },
        },
      },
      {
        mode: 'end',
        req: { end: { project_id: project, id: 'call-b', ended_at: '2026-11-26T14:00:00Z', summary: {} } },
      },
    ]);
    expect(batch).toEqual([{ id: 'call-b', trace_id: 'trace-b' }, {}]);
  });

  it('reads objects', async () => {
    const stored = emulator
      .project(project)
      .putObject('support-eval', { _type: 'Evaluation', name: 'support-eval' }, '2026-11-26T00:00:00Z', null);
    const object = await client().readObject({
      project_id: project,
      object_id: 'support-eval',
      digest: stored.digest,
    });
    expect(object).toMatchObject({
      object_id: 'support-eval',
      digest: stored.digest,
      val: { name: 'support-eval' },
    });
    await expect(
      client().readObject({ project_id: project, object_id: 'nope', digest: 'x' }),
    ).rejects.toThrow(/answered 404/);
  });
});
