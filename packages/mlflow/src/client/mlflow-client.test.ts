import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ApiCallError } from '@slokit/adapter-utils';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlflowClientFromEnv } from './create-mlflow-client.js';
import { MlflowClient } from './mlflow-client.js';

describe('MlflowClient against the emulator', () => {
  let emulator: MlflowEmulator;
  let client: MlflowClient;
  let experimentId: string;

  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    client = new MlflowClient({ trackingUri: `${emulator.url}/`, retry: { maxAttempts: 1 } });
    experimentId = await client.createExperiment({
      name: 'support-bot-evals',
      tags: [{ key: 'team', value: 'support' }],
    });
  });
  afterAll(() => emulator.stop());

  it('finds experiments by name and id, and says undefined for unknown ones', async () => {
    const byName = await client.getExperimentByName('support-bot-evals');
    expect(byName).toMatchObject({
      experiment_id: experimentId,
      name: 'support-bot-evals',
      tags: [{ key: 'team', value: 'support' }],
    });
    expect(typeof byName?.creation_time).toBe('number');
    expect((await client.getExperiment(experimentId))?.name).toBe('support-bot-evals');
    expect(await client.getExperimentByName('no-such-experiment')).toBeUndefined();
    expect(await client.getExperiment('987654')).toBeUndefined();
  });

  it('always sends max_results to experiments/search, and pages with look-ahead tokens', async () => {
    await client.createExperiment({ name: 'support-bot-prod' });
    const first = await client.searchExperiments({ filter: "name LIKE 'support%'", maxResults: 1 });
    expect(first.items.map((experiment) => experiment.name)).toEqual(['support-bot-prod']);
    expect(first.nextPageToken).toBeDefined();
    const second = await client.searchExperiments({
      filter: "name LIKE 'support%'",
      maxResults: 1,
      pageToken: first.nextPageToken!,
    });
    expect(second.items.map((experiment) => experiment.name)).toEqual(['support-bot-evals']);
    expect(second.nextPageToken).toBeUndefined();
    await client.searchExperiments({ filter: "name = 'x'" });
    expect(JSON.parse(emulator.requests.at(-1)!.body)).toMatchObject({ max_results: 1000 });
  });

  it('rejects a duplicate experiment name with a 400 that is not retried', async () => {
    const error = await client
      .createExperiment({ name: 'support-bot-evals' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
    expect((error as Error).message).toMatch(
      /400 RESOURCE_ALREADY_EXISTS to POST \/api\/2\.0\/mlflow\/experiments\/create/,
    );
  });

  it('creates a run, logs a chunked batch, tags, updates and reads it back with NaN and Infinity', async () => {
    const run = await client.createRun({
      experimentId,
      runName: 'eval-gpt-4o',
      startTime: 1_795_639_993_973,
      tags: [{ key: 'mlflow.run.isEval', value: 'true' }],
    });
    const runId = run.info.run_id!;
    expect(run.info).toMatchObject({
      run_name: 'eval-gpt-4o',
      status: 'RUNNING',
      start_time: 1_795_639_993_973,
    });
    expect(run.data?.tags).toContainEqual({ key: 'mlflow.runName', value: 'eval-gpt-4o' });
    const before = emulator.requests.length;
    const requests = await client.logBatch(runId, {
      metrics: [
        ...Array.from({ length: 1500 }, (_, step) => ({
          key: 'loss',
          value: 1 / (step + 1),
          timestamp: 1000 + step,
          step,
        })),
        { key: 'cost', value: Number.NaN, timestamp: 5000 },
        { key: 'max_latency', value: Number.POSITIVE_INFINITY, timestamp: 5000 },
      ],
      params: Array.from({ length: 150 }, (_, index) => ({ key: `p${index}`, value: String(index) })),
    });
    // 100 params; 50 params + 950 metrics (1000 entities); the last 552 metrics.
    expect(requests).toBe(3);
    expect(emulator.requests.slice(before).map((request) => request.path)).toEqual(
      Array(3).fill('/api/2.0/mlflow/runs/log-batch'),
    );
    await client.setTag(runId, 'slo.result', 'y'.repeat(8100));
    const info = await client.updateRun({ runId, status: 'FINISHED', endTime: 1_795_640_303_973 });
    expect(info).toMatchObject({ status: 'FINISHED', end_time: 1_795_640_303_973 });

    const read = await client.getRun(runId);
    const metrics = new Map(read.data!.metrics!.map((metric) => [metric.key, metric]));
    expect(metrics.get('cost')!.value).toBeNaN();
    expect(metrics.get('max_latency')!.value).toBe(Number.POSITIVE_INFINITY);
    expect(metrics.get('loss')).toMatchObject({ value: 1 / 1500, step: 1499 });
    expect(read.data!.params).toHaveLength(150);
    expect(read.data!.tags!.find((tag) => tag.key === 'slo.result')!.value).toHaveLength(8000);

    const history = await client.getFullMetricHistory(runId, 'loss');
    expect(history.map((point) => point.step)).toEqual(Array.from({ length: 1500 }, (_, step) => step));
    const page = await client.getMetricHistory({ runId, metricKey: 'loss', maxResults: 1000 });
    expect(page.items).toHaveLength(1000);
    expect(page.nextPageToken).toBeDefined();
    const historyRequests = emulator.requests.filter(
      (request) => request.path === '/api/2.0/mlflow/metrics/get-history',
    );
    expect(historyRequests.every((request) => request.query.max_results !== undefined)).toBe(true);
    expect(await client.getFullMetricHistory(runId, 'never-logged')).toEqual([]);
  });

  it('rejects a changed param, keeps the first value, and reports the server message', async () => {
    const run = await client.createRun({ experimentId });
    const runId = run.info.run_id!;
    await client.logBatch(runId, { params: [{ key: 'threshold', value: '0.8' }] });
    await client.logBatch(runId, { params: [{ key: 'threshold', value: '0.8' }] });
    await expect(client.logBatch(runId, { params: [{ key: 'threshold', value: '0.9' }] })).rejects.toThrow(
      /Changing param values is not allowed/,
    );
    expect((await client.getRun(runId)).data!.params).toEqual([{ key: 'threshold', value: '0.8' }]);
  });

  it('pages runs/search past the token every full page carries, and stops at the empty page', async () => {
    const experiment = await client.createExperiment({ name: 'paging' });
    for (let index = 0; index < 4; index++)
      await client.createRun({ experimentId: experiment, startTime: 1000 + index });
    const before = emulator.requests.length;
    const pages: number[] = [];
    for await (const runs of client.searchAllRuns({ experimentIds: [experiment], maxResults: 2 }))
      pages.push(runs.length);
    expect(pages).toEqual([2, 2]);
    // page 1 and 2 are full and carry tokens; the third request comes back {}.
    expect(emulator.requests.length - before).toBe(3);
    const filtered = await client.searchRuns({
      experimentIds: [experiment],
      filter: 'attributes.start_time >= 1002',
    });
    expect(filtered.items.map((run) => run.info.start_time)).toEqual([1003, 1002]);
  });

  it('searches and reads traces and assessments', async () => {
    const experiment = await client.createExperiment({ name: 'traces' });
    const trace = await client.startTrace({
      trace_id: 'tr-00000000000000000000000000000001',
      client_request_id: 'req-1',
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experiment } },
      request_time: '2026-11-26T17:53:55.878Z',
      execution_duration: '0.420s',
      state: 'OK',
      trace_metadata: {
        'mlflow.trace.tokenUsage': '{"input_tokens": 5, "output_tokens": 2, "total_tokens": 7}',
      },
      tags: { env: 'prod' },
    });
    expect(trace.tags).toMatchObject({ env: 'prod', 'mlflow.trace.spansLocation': 'TRACKING_STORE' });
    const assessment = await client.createAssessment(trace.trace_id, {
      assessment_name: 'correctness',
      source: { source_type: 'LLM_JUDGE', source_id: 'judge' },
      feedback: { value: 'yes' },
    });
    expect(assessment.assessment_id).toMatch(/^a-[0-9a-f]{32}$/);
    expect(await client.getAssessment(trace.trace_id, assessment.assessment_id!)).toMatchObject({
      feedback: { value: 'yes' },
      valid: true,
    });
    const found = await client.searchTraces({
      experimentIds: [experiment],
      filter: "tags.env = 'prod'",
      maxResults: 900,
    });
    expect(found.items.map((item) => item.trace_id)).toEqual([trace.trace_id]);
    expect(found.items[0]!.assessments).toHaveLength(1);
    expect(JSON.parse(emulator.requests.at(-1)!.body).max_results).toBe(500);
    expect((await client.getTraceInfo(trace.trace_id))?.execution_duration).toBe('0.420s');
    expect(await client.getTraceInfo('tr-ffffffffffffffffffffffffffffffff')).toBeUndefined();
    expect((await client.searchTraces({ experimentIds: ['987654'] })).items).toEqual([]);
  });

  it('lists, downloads and uploads artifacts through a server that proxies them', async () => {
    const run = await client.createRun({ experimentId });
    const runId = run.info.run_id!;
    expect(run.info.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/${runId}/artifacts`);
    emulator.addArtifact(runId, 'eval_results_table.json', '{"columns": [], "data": []}');
    await client.uploadArtifact(run.info.artifact_uri!, 'reports/slokit-report.json', '{"ok": true}');
    const root = await client.listArtifacts({ runId });
    expect(root.rootUri).toBe(run.info.artifact_uri);
    expect(root.items).toEqual([
      { path: 'eval_results_table.json', is_dir: false, file_size: 27 },
      { path: 'reports', is_dir: true },
    ]);
    expect((await client.listArtifacts({ runId, path: 'reports' })).items.map((file) => file.path)).toEqual([
      'reports/slokit-report.json',
    ]);
    expect((await client.downloadArtifact(runId, 'reports/slokit-report.json')).toString()).toBe(
      '{"ok": true}',
    );
    await expect(
      client.uploadArtifact('/srv/mlflow/artifacts/1/abc/artifacts', 'x.json', '{}'),
    ).rejects.toThrow(/not served by the tracking server/);
  });

  it('explains an HTML 404 (an endpoint the server does not have)', async () => {
    const old = new MlflowClient({ trackingUri: `${emulator.url}/not-mlflow`, retry: { maxAttempts: 1 } });
    const error = await old.searchTraces({ experimentIds: ['1'] }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 404, isRetryable: false });
    expect((error as Error).message).toMatch(
      /MLflow has no endpoint POST \/api\/3\.0\/mlflow\/traces\/search.*path prefix/,
    );
  });
});

describe('MlflowClient authentication', () => {
  let emulator: MlflowEmulator;
  beforeAll(async () => {
    emulator = await startMlflowEmulator({
      auth: {
        tokens: ['good-token-0123456789'],
        users: [
          { username: 'admin', password: 'password1234' },
          { username: 'viewer', password: 'viewer-pass-5678' },
        ],
        forbidden: ['viewer'],
      },
    });
  });
  afterAll(() => emulator.stop());

  it('sends Basic when username and password are set, even with a token', async () => {
    const client = createMlflowClientFromEnv({
      MLFLOW_TRACKING_URI: emulator.url,
      MLFLOW_TRACKING_TOKEN: 'wrong-token-000000000',
      MLFLOW_TRACKING_USERNAME: 'admin',
      MLFLOW_TRACKING_PASSWORD: 'password1234',
    });
    expect(await client.getExperimentByName('Default')).toMatchObject({ experiment_id: '0' });
    expect(emulator.requests.at(-1)!.headers.authorization).toBe(
      `Basic ${Buffer.from('admin:password1234').toString('base64')}`,
    );
  });

  it('sends Bearer MLFLOW_TRACKING_TOKEN', async () => {
    const client = createMlflowClientFromEnv({
      MLFLOW_TRACKING_URI: emulator.url,
      MLFLOW_TRACKING_TOKEN: 'good-token-0123456789',
    });
    expect(await client.getExperiment('0')).toMatchObject({ name: 'Default' });
    expect(emulator.requests.at(-1)!.headers.authorization).toBe('Bearer good-token-0123456789');
  });

  it('fails 401 at once, naming the variable and redacting the token', async () => {
    const client = createMlflowClientFromEnv({
      MLFLOW_TRACKING_URI: emulator.url,
      MLFLOW_TRACKING_TOKEN: 'bad-token-abcdefghij',
    });
    const before = emulator.requests.length;
    const error = await client.getExperiment('0').catch((caught: unknown) => caught);
    expect(emulator.requests.length - before).toBe(1);
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false, exitCode: 3 });
    const message = (error as Error).message;
    expect(message).toContain('401 UNAUTHENTICATED to GET /api/2.0/mlflow/experiments/get');
    expect(message).toContain('check MLFLOW_TRACKING_TOKEN (…ghij)');
    expect(message).not.toContain('bad-token-abcdefghij');
    const anonymous = await createMlflowClientFromEnv({ MLFLOW_TRACKING_URI: emulator.url })
      .getExperiment('0')
      .catch((caught: unknown) => caught);
    expect((anonymous as Error).message).toContain('no credentials were sent: set MLFLOW_TRACKING_TOKEN');
  });

  it('fails 403 at once, saying the credentials lack permission', async () => {
    const client = createMlflowClientFromEnv({
      MLFLOW_TRACKING_URI: emulator.url,
      MLFLOW_TRACKING_USERNAME: 'viewer',
      MLFLOW_TRACKING_PASSWORD: 'viewer-pass-5678',
    });
    const error = await client.getExperiment('0').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 403, isRetryable: false });
    expect((error as Error).message).toMatch(
      /403 PERMISSION_DENIED.*lack permission.*MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD \(user 'viewer'\)/,
    );
    expect((error as Error).message).not.toContain('viewer-pass-5678');
  });
});

describe('MlflowClient on the recorded real-server responses', () => {
  const testkitDir = dirname(createRequire(import.meta.url).resolve('@slokit/testkit/package.json'));
  const exchanges = readFileSync(
    join(testkitDir, 'src/mlflow-emulator/fixtures/mlflow-3.6-recorded.jsonl'),
    'utf8',
  )
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          name: string;
          request: { method: string; path: string };
          response: { status: number; body: unknown };
        },
    );

  /** A client whose fetch answers every request with one recorded response. */
  const replaying = (status: number, body: unknown) =>
    new MlflowClient({
      trackingUri: 'http://mlflow.test',
      retry: { maxAttempts: 1 },
      fetch: async () =>
        new Response(typeof body === 'string' ? body : JSON.stringify(body), {
          status,
          headers: { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' },
        }),
    });

  /** Calls the client method for a recorded endpoint; the arguments do not matter to a replaying fetch. */
  const callFor = (
    client: MlflowClient,
    method: string,
    path: string,
  ): (() => Promise<unknown>) | undefined => {
    const endpoint = `${method} ${path.replace(/tr-[0-9a-f]{32}/g, '{trace}').replace(/a-[0-9a-f]{32}/g, '{assessment}')}`;
    const calls: Record<string, () => Promise<unknown>> = {
      'POST /api/2.0/mlflow/experiments/create': () => client.createExperiment({ name: 'x' }),
      'GET /api/2.0/mlflow/experiments/get-by-name': () => client.getExperimentByName('x'),
      'GET /api/2.0/mlflow/experiments/get': () => client.getExperiment('1'),
      'POST /api/2.0/mlflow/experiments/search': () => client.searchExperiments(),
      'POST /api/2.0/mlflow/runs/create': () => client.createRun({ experimentId: '1' }),
      'GET /api/2.0/mlflow/runs/get': () => client.getRun('r'),
      'POST /api/2.0/mlflow/runs/search': () => client.searchRuns({ experimentIds: ['1'] }),
      'POST /api/2.0/mlflow/runs/log-batch': () =>
        client.logBatch('r', {
          params: [{ key: 'k', value: 'v' }],
          metrics: [{ key: 'm', value: 1, timestamp: 1 }],
        }),
      'POST /api/2.0/mlflow/runs/set-tag': () => client.setTag('r', 'k', 'v'),
      'POST /api/2.0/mlflow/runs/update': () => client.updateRun({ runId: 'r', status: 'FINISHED' }),
      'GET /api/2.0/mlflow/metrics/get-history': () =>
        client.getMetricHistory({ runId: 'r', metricKey: 'm' }),
      'POST /api/3.0/mlflow/traces': () => client.startTrace({ trace_id: 'tr-1' }),
      'POST /api/3.0/mlflow/traces/search': () => client.searchTraces({ experimentIds: ['1'] }),
      'GET /api/3.0/mlflow/traces/{trace}': () => client.getTraceInfo('tr-1'),
      'POST /api/3.0/mlflow/traces/{trace}/assessments': () =>
        client.createAssessment('tr-1', { assessment_name: 'a', feedback: { value: 1 } }),
      'GET /api/3.0/mlflow/traces/{trace}/assessments/{assessment}': () =>
        client.getAssessment('tr-1', 'a-1'),
      'POST /api/2.0/mlflow/traces/link-to-run': () => client.linkTracesToRun('r', ['tr-1']),
    };
    return calls[endpoint];
  };

  const covered = exchanges.filter((exchange) =>
    callFor(replaying(200, {}), exchange.request.method, exchange.request.path),
  );

  it('covers the recorded endpoints the client implements', () => {
    expect(covered.length).toBeGreaterThanOrEqual(90);
  });

  it.each(covered.map((exchange) => [exchange.name, exchange] as const))(
    'parses %s',
    async (_name, exchange) => {
      const { status, body } = exchange.response;
      const result = callFor(replaying(status, body), exchange.request.method, exchange.request.path)!();
      if (status === 200) {
        await expect(result).resolves.not.toThrow();
        return;
      }
      const error = await result.then(
        (value) => value,
        (caught: unknown) => caught,
      );
      if (status === 404 && error === undefined) return;
      expect(error).toBeInstanceOf(ApiCallError);
      expect((error as ApiCallError).statusCode).toBe(status);
      const code = (body as { error_code?: string }).error_code;
      if (code) expect((error as Error).message).toContain(code);
    },
  );

  it('reads the recorded metrics, NaN and float max included', async () => {
    const recorded = exchanges.find((exchange) => exchange.name.startsWith('026'))!;
    const run = await replaying(200, recorded.response.body).getRun('r');
    expect(run.data!.metrics!.map((metric) => metric.value)).toEqual([
      4.2,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]);
    const traces = exchanges.find((exchange) => exchange.name.startsWith('077'))!;
    const page = await replaying(200, traces.response.body).searchTraces({ experimentIds: ['4'] });
    expect(page.items).toHaveLength(12);
    expect(page.nextPageToken).toBeUndefined();
    expect(page.items.filter((trace) => trace.assessments === undefined)).toHaveLength(2);
  });
});
