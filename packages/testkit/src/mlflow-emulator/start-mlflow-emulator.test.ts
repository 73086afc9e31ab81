import { afterEach, describe, expect, it } from 'vitest';
import { generateSupportBotTraffic } from '../support-bot-traffic.js';
import { type MlflowEmulator, startMlflowEmulator } from './index.js';

describe('startMlflowEmulator', () => {
  let emulator: MlflowEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('listens on a free loopback port and answers /health and /version outside /api', async () => {
    emulator = await startMlflowEmulator();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${emulator.url}/health`)).text()).toBe('OK');
    expect(await (await fetch(`${emulator.url}/version`)).text()).toBe('3.6.1.dev0');
  });

  it('seeds support-bot traffic as traces with assessments, token usage and cost', async () => {
    emulator = await startMlflowEmulator({ seed: 7 });
    const traffic = { seed: 'seeded', count: 50, start: '2026-11-26T13:00:00Z', end: '2026-11-26T14:00:00Z' };
    const { experimentId, count } = emulator.seedSupportBotTraffic({ experiment: 'prod', ...traffic });
    expect(count).toBe(50);
    // biome-ignore lint/suspicious/noExplicitAny: a raw response body, checked field by field below.
    const body: any = await (
      await post('/api/3.0/mlflow/traces/search', {
        locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } }],
        order_by: ['timestamp_ms ASC'],
        max_results: 500,
      })
    ).json();
    const first = [...generateSupportBotTraffic(traffic)][0]!;
    expect(body.traces).toHaveLength(50);
    expect(body.next_page_token).toBeUndefined();
    expect(body.traces[0]).toMatchObject({
      client_request_id: first.id,
      request_time: first.timestamp,
      execution_duration: `${(first.latency_ms / 1000).toFixed(3)}s`,
      state: first.status === 'success' ? 'OK' : 'ERROR',
      trace_metadata: {
        'mlflow.trace.tokenUsage': `{"input_tokens": ${first.tokens.prompt}, "output_tokens": ${first.tokens.completion}, "total_tokens": ${first.tokens.total}}`,
        'mlflow.trace.cost': `{"total_cost": ${first.cost_usd}}`,
        'mlflow.trace.user': first.metadata.user_id,
        model: first.metadata.model,
      },
    });
    expect(body.traces[0].trace_id).toMatch(/^tr-[0-9a-f]{32}$/);
    const scored = body.traces.find((trace: { assessments?: unknown[] }) => trace.assessments);
    expect(scored.assessments[0]).toMatchObject({ source: { source_type: 'LLM_JUDGE' }, valid: true });
  });

  it('injects a 429 with Retry-After, 5xx, and faults on matching requests only, as many times as asked', async () => {
    emulator = await startMlflowEmulator({
      faults: [
        { kind: 'rate-limit', retryAfter: 2, path: '/runs/search' },
        { kind: 'status', status: 503, path: '/experiments/get', times: 2, skip: 1 },
        { kind: 'status', status: 502, method: 'GET', path: /get-by-name/ },
      ],
    });
    const limited = await post('/api/2.0/mlflow/runs/search', { experiment_ids: ['0'] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ error_code: 'REQUEST_LIMIT_EXCEEDED' });
    expect((await post('/api/2.0/mlflow/runs/search', { experiment_ids: ['0'] })).status).toBe(200);
    const statuses = [];
    for (let index = 0; index < 4; index++) {
      statuses.push((await fetch(`${emulator.url}/api/2.0/mlflow/experiments/get?experiment_id=0`)).status);
    }
    expect(statuses).toEqual([200, 503, 503, 200]);
    const gateway = await fetch(
      `${emulator.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=Default`,
    );
    expect(gateway.status).toBe(502);
    expect(await gateway.text()).toContain('502 Bad Gateway');
  });

  it('delays, truncates JSON, and resets the connection mid-body', async () => {
    emulator = await startMlflowEmulator();
    emulator.addFault({ kind: 'slow', delayMs: 300, path: '/experiments/get' });
    const started = Date.now();
    expect((await fetch(`${emulator.url}/api/2.0/mlflow/experiments/get?experiment_id=0`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    emulator.addFault({ kind: 'truncate', path: '/experiments/get' });
    const truncated = await fetch(`${emulator.url}/api/2.0/mlflow/experiments/get?experiment_id=0`);
    expect(truncated.status).toBe(200);
    const text = await truncated.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"experiment":')).toBe(true);

    emulator.addFault({ kind: 'reset', path: '/experiments/get' });
    const reset = await fetch(`${emulator.url}/api/2.0/mlflow/experiments/get?experiment_id=0`);
    await expect(reset.text()).rejects.toThrow();
    emulator.clearFaults();
    expect((await fetch(`${emulator.url}/api/2.0/mlflow/experiments/get?experiment_id=0`)).status).toBe(200);
  });

  it('checks credentials: 401 without or with wrong ones, 403 for a forbidden user, /health stays open', async () => {
    emulator = await startMlflowEmulator({
      auth: { tokens: ['t0k3n'], users: [{ username: 'ro', password: 'pw' }], forbidden: ['ro'] },
    });
    const get = (authorization?: string) =>
      fetch(`${emulator!.url}/api/2.0/mlflow/experiments/get?experiment_id=0`, {
        headers: authorization ? { authorization } : {},
      });
    const missing = await get();
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });
    expect((await get('Bearer wrong')).status).toBe(401);
    expect((await get('Bearer t0k3n')).status).toBe(200);
    const forbidden = await get(`Basic ${Buffer.from('ro:pw').toString('base64')}`);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error_code: 'PERMISSION_DENIED' });
    expect((await fetch(`${emulator.url}/health`)).status).toBe(200);
  });

  it('serves proxied artifacts, and answers 503 for them on a server that does not proxy', async () => {
    emulator = await startMlflowEmulator();
    const experimentId = emulator.createExperiment('evals');
    const runId = emulator.addRun({ experimentId, name: 'r', metrics: { 'correctness/mean': 0.5 } });
    const upload = await fetch(
      `${emulator.url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/report.json`,
      {
        method: 'PUT',
        body: '{"a": 1}',
      },
    );
    expect(upload.status).toBe(200);
    const listed = await (
      await fetch(`${emulator.url}/api/2.0/mlflow/artifacts/list?run_id=${runId}`)
    ).json();
    expect(listed).toEqual({
      root_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
      files: [{ path: 'report.json', is_dir: false, file_size: 8 }],
    });
    expect(
      await (await fetch(`${emulator.url}/get-artifact?run_uuid=${runId}&path=report.json`)).text(),
    ).toBe('{"a": 1}');
    await emulator.stop();

    emulator = await startMlflowEmulator({ artifactRoot: '/srv/mlflow/artifacts' });
    const refused = await fetch(`${emulator.url}/api/2.0/mlflow-artifacts/artifacts/0/x/artifacts/a.json`, {
      method: 'PUT',
      body: '{}',
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error_code: 'TEMPORARILY_UNAVAILABLE' });
  });

  it('logs runs and metrics as seeded, with NaN as the string MLflow returns', async () => {
    emulator = await startMlflowEmulator();
    const experimentId = emulator.createExperiment('evals', { team: 'support' });
    const runId = emulator.addRun({
      experimentId,
      name: 'eval',
      startTime: 1000,
      endTime: 2000,
      metrics: { 'correctness/mean': [0.5, 0.7], 'groundedness/mean': Number.NaN },
      params: { model: 'gpt-4o' },
      tags: { 'mlflow.run.isEval': 'true' },
    });
    const { run } = (await (
      await fetch(`${emulator.url}/api/2.0/mlflow/runs/get?run_id=${runId}`)
    ).json()) as {
      run: { info: unknown; data: { metrics: unknown; tags: unknown } };
    };
    expect(run.info).toMatchObject({
      run_name: 'eval',
      status: 'FINISHED',
      start_time: 1000,
      end_time: 2000,
    });
    expect(run.data.metrics).toEqual([
      { key: 'correctness/mean', value: 0.7, timestamp: 2000, step: 1 },
      { key: 'groundedness/mean', value: 'NaN', timestamp: 2000, step: 0 },
    ]);
    expect(run.data.tags).toEqual([
      { key: 'mlflow.run.isEval', value: 'true' },
      { key: 'mlflow.runName', value: 'eval' },
    ]);
    const dump = JSON.parse(emulator.dump());
    expect(dump.runs).toHaveLength(1);
    expect(dump.requests.at(-1).path).toBe('/api/2.0/mlflow/runs/get');
  });

  it('keeps requests without their Authorization header in dumps', async () => {
    emulator = await startMlflowEmulator({ auth: { tokens: ['secret-token-xyz'] } });
    await fetch(`${emulator.url}/api/2.0/mlflow/experiments/get?experiment_id=0`, {
      headers: { authorization: 'Bearer secret-token-xyz' },
    });
    expect(emulator.requests[0]!.headers.authorization).toBe('Bearer secret-token-xyz');
    expect(emulator.dump()).not.toContain('secret-token-xyz');
  });
});
