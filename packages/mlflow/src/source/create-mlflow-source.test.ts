import {
  ConfigError,
  createMemorySource,
  type EvalSourceV1,
  type RecordBatch,
  SourceError,
} from '@slokit/core';
import { check } from '@slokit/engine';
import { type GeneratedRecord, generateSupportBotTraffic } from '@slokit/testkit';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '../client/mlflow-client.js';
import { type EvalScenario, seedEvalScenario } from '../test-support/seed-eval-scenario.js';
import { createMlflowSource } from './create-mlflow-source.js';

const fast = { retry: { initialDelayMs: 5, maxDelayMs: 20 } };

async function readAll(source: EvalSourceV1, options: Parameters<EvalSourceV1['readRecords']>[0] = {}) {
  const batches: RecordBatch[] = [];
  for await (const batch of source.readRecords(options)) batches.push(batch);
  return {
    batches,
    records: batches.flatMap((batch) => batch.records),
    issues: batches.flatMap((batch) => batch.issues),
  };
}

describe('mlflow source: eval runs', () => {
  let emulator: MlflowEmulator;
  let scenario: EvalScenario;
  const source = (config: Record<string, unknown>) =>
    createMlflowSource(
      'evals',
      { type: 'mlflow', experiment: 'support-bot-evals', ...config },
      { baseDir: '.', env: { MLFLOW_TRACKING_URI: emulator.url } },
      fast,
    );

  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    scenario = await seedEvalScenario(emulator);
  });
  afterAll(() => emulator.stop());

  it('summarizes the latest eval run: its metrics under their MLflow keys, its per-row traces as samples', async () => {
    const summary = await source({}).readEvalSummary!();
    expect(summary).toEqual({
      metrics: {
        'correctness/mean': 0.82,
        'relevance_to_query/mean': 0.91,
        'safety/mean': 1,
        'groundedness/mean': null,
      },
      samples: 4,
      name: 'eval-gpt-4o-2026-11-25',
      timestamp: new Date(1_795_640_303_973).toISOString(),
      url: `${emulator.url}/#/experiments/${scenario.experimentId}/runs/${scenario.latestRunId}`,
    });
  });

  it("reads the latest run's per-row traces, linked by mlflow.sourceRun or link-to-run, as records", async () => {
    const { records, issues } = await readAll(source({ runs: 'latest' }));
    expect(issues).toEqual([]);
    expect(records.map((record) => record.id)).toEqual(['row-1', 'row-2', 'row-3', 'row-4']);
    expect(records.map((record) => record.scores?.correctness)).toEqual([true, false, true, undefined]);
    expect(records[3]).toMatchObject({ status: 'error', error: 'judge timeout', latency_ms: 3010 });
    expect(records.every((record) => record.metadata?.run_id === scenario.latestRunId)).toBe(true);
    expect(records[0]!.metadata?.run_name).toBe('eval-gpt-4o-2026-11-25');
  });

  it('reads every finished run with runs: all, a legacy run from its results table, and resumes between runs', async () => {
    const all = source({ runs: 'all', pageSize: 2 });
    const { records, batches } = await readAll(all);
    expect(records.map((record) => record.id)).toEqual([
      `${scenario.legacyRunId}/0`,
      `${scenario.legacyRunId}/1`,
      `${scenario.legacyRunId}/2`,
      `${scenario.legacyRunId}/3`,
      'row-1',
      'row-2',
      'row-3',
      'row-4',
    ]);
    expect(records[1]).toMatchObject({
      latency_ms: 2950,
      tokens: { total: 240 },
      scores: { 'toxicity/v1': 0.002, 'answer_similarity/v1': 5 },
      timestamp: new Date(1_795_294_813_973).toISOString(),
    });
    for (const [index, batch] of batches.entries()) {
      const resumed = await readAll(all, { cursor: batch.cursor! });
      const before = batches.slice(0, index + 1).flatMap((item) => item.records.map((record) => record.id));
      expect([...before, ...resumed.records.map((record) => record.id)]).toEqual(
        records.map((record) => record.id),
      );
    }
  });

  it('summarizes the newest run a filter matches, counting its table rows as samples', async () => {
    const summary = await source({ runs: "params.evaluator = 'default'" }).readEvalSummary!();
    expect(summary).toMatchObject({
      name: 'legacy-eval-rag-v1',
      samples: 4,
      metrics: { 'answer_similarity/v1/mean': 3.8, 'latency/p90': 3.41, 'token_count/mean': 211.5 },
    });
  });

  it('reports an unreadable results table as an issue', async () => {
    const run = emulator.addRun({
      experimentId: scenario.experimentId,
      name: 'broken-table',
      startTime: 10,
      tags: { 'mlflow.loggedArtifacts': '[{"path": "eval_results_table.json", "type": "table"}]' },
    });
    emulator.addArtifact(run, 'eval_results_table.json', '{"columns": ["a"]');
    const { records, issues } = await readAll(source({ runs: "attributes.run_name = 'broken-table'" }));
    expect(records).toEqual([]);
    expect(issues).toEqual([
      {
        source: 'evals',
        location: `MLflow run ${run} artifact eval_results_table.json`,
        message: expect.stringMatching(/^eval_results_table\.json is not valid JSON/),
      },
    ]);
  });

  it('has no eval summary when the experiment has no finished run', async () => {
    emulator.createExperiment('empty-evals');
    const empty = createMlflowSource(
      'evals',
      { type: 'mlflow', experiment: 'empty-evals' },
      { baseDir: '.', env: { MLFLOW_TRACKING_URI: emulator.url } },
    );
    expect(await empty.readEvalSummary!()).toBeUndefined();
    expect((await readAll(empty)).records).toEqual([]);
  });
});

describe('mlflow source: production traces', () => {
  let emulator: MlflowEmulator;
  let generated: GeneratedRecord[];
  const prodSource = (config: Record<string, unknown> = {}, env: Record<string, string> = {}) =>
    createMlflowSource(
      'prod',
      { type: 'mlflow', experiment: 'support-bot-prod', traces: true, ...config },
      { baseDir: '.', env: { MLFLOW_TRACKING_URI: emulator.url, ...env } },
      fast,
    );

  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    const traffic = {
      seed: 'mlflow-source',
      count: 1200,
      start: '2026-11-26T12:00:00.000Z',
      end: '2026-11-26T14:00:00.000Z',
    };
    generated = [...generateSupportBotTraffic(traffic)];
    // MLflow 3.6 records no cost: the source prices tokens with the model in the trace metadata.
    emulator.seedSupportBotTraffic({ experiment: 'support-bot-prod', costMetadata: false, ...traffic });
  });
  afterEach(() => emulator.clearFaults());
  afterAll(() => emulator.stop());

  it('reads every finished trace once, with latency, status, tokens, priced cost and scores', async () => {
    const { records, issues, batches } = await readAll(prodSource());
    expect(issues).toEqual([]);
    expect(batches.length).toBe(3);
    expect(records).toHaveLength(1200);
    const byId = new Map(records.map((record) => [record.id, record]));
    for (const expected of generated) {
      const record = byId.get(expected.id)!;
      expect(record.latency_ms).toBe(expected.latency_ms);
      expect(record.status).toBe(expected.status);
      expect(record.tokens).toEqual(expected.tokens);
      // The generator bills failed requests nothing; priced by their tokens they cost their prompt.
      if (expected.status === 'success') expect(record.cost_usd).toBeCloseTo(expected.cost_usd, 5);
      else expect(record.cost_usd).toBeGreaterThan(0);
      expect(record.scores).toEqual(expected.scores);
      expect(record.metadata?.model).toBe(expected.metadata.model);
      expect(record.metadata?.user).toBe(expected.metadata.user_id);
      if (expected.error) expect(record.error).toBe(expected.error);
    }
    expect(records[0]!.url).toMatch(
      new RegExp(`^${emulator.url}/#/experiments/\\d+/traces\\?selectedEvaluationId=tr-`),
    );
  });

  it('prices with the configured table and model key', async () => {
    const { records } = await readAll(
      prodSource({ cost: { modelKey: 'tenant', prices: { acme: { input: 1000, output: 0 } } } }),
    );
    const acme = records.find((record) => record.metadata?.tenant === 'acme')!;
    expect(acme.cost_usd).toBeCloseTo((acme.tokens!.prompt! * 1000) / 1e6, 6);
    expect(records.find((record) => record.metadata?.tenant !== 'acme')!.cost_usd).toBeUndefined();
  });

  it('applies the configured trace filter and the (since, until] window', async () => {
    const since = new Date('2026-11-26T13:00:00.000Z');
    const until = new Date('2026-11-26T13:30:00.000Z');
    const { records } = await readAll(prodSource({ traces: { filter: "trace.status = 'ERROR'" } }), {
      since,
      until,
    });
    const expected = generated.filter((record) => {
      const time = Date.parse(record.timestamp);
      return record.status === 'error' && time > since.getTime() && time <= until.getTime();
    });
    expect(records.map((record) => record.id).sort()).toEqual(expected.map((record) => record.id).sort());
  });

  it('reads to the end through a reset page and a rate limit, each record once', async () => {
    emulator.addFault({ kind: 'reset', path: '/traces/search', skip: 1 });
    emulator.addFault({ kind: 'rate-limit', retryAfter: 0, path: '/traces/search', skip: 3 });
    emulator.addFault({ kind: 'truncate', path: '/traces/search', skip: 4 });
    const { records } = await readAll(prodSource({ pageSize: 200 }));
    expect(records).toHaveLength(1200);
    expect(new Set(records.map((record) => record.id)).size).toBe(1200);
  });

  it('leaves IN_PROGRESS traces out until they finish', async () => {
    const client = new MlflowClient({ trackingUri: emulator.url });
    const experimentId = (await client.getExperimentByName('support-bot-prod'))!.experiment_id;
    const running = {
      trace_id: 'tr-bad00000000000000000000000000001',
      client_request_id: 'still-running',
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
      request_time: '2026-11-26T13:59:59.000Z',
      execution_duration: '0s',
      state: 'IN_PROGRESS',
    };
    await client.startTrace(running);
    const since = new Date('2026-11-26T13:59:58.000Z');
    const before = await readAll(prodSource(), { since });
    expect(before.records.map((record) => record.id)).not.toContain('still-running');
    expect(before.issues).toEqual([]);
    await client.startTrace({ ...running, state: 'OK', execution_duration: '2.500s' });
    const after = await readAll(prodSource(), { since });
    expect(after.records.find((record) => record.id === 'still-running')).toMatchObject({
      status: 'success',
      latency_ms: 2500,
    });
  });

  it('fails with a SourceError naming the experiment when it does not exist', async () => {
    const missing = prodSource({ experiment: 'no-such-experiment' });
    const error = await readAll(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toBe(
      `source 'prod': MLflow experiment 'no-such-experiment' not found at ${emulator.url} (sources.prod.experiment takes an experiment name or id)`,
    );
  });

  it('leaves its SLOs no_data with the reason when the server keeps failing, while other sources evaluate', async () => {
    emulator.addFault({
      kind: 'status',
      status: 503,
      times: Number.POSITIVE_INFINITY,
      path: '/traces/search',
    });
    const failing = createMlflowSource(
      'prod',
      { type: 'mlflow', experiment: 'support-bot-prod', traces: true },
      { baseDir: '.', env: { MLFLOW_TRACKING_URI: emulator.url, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '1' } },
      { retry: { initialDelayMs: 1 } },
    );
    const report = await check(
      {
        sources: { prod: { type: 'mlflow' }, offline: { type: 'memory' } },
        slos: [
          {
            name: 'p95-latency',
            source: 'prod',
            sli: { metric: 'latency_ms', aggregate: 'p95' },
            objective: { target: 2000 },
          },
          {
            name: 'fast',
            source: 'offline',
            sli: { metric: 'latency_ms', aggregate: 'max' },
            objective: { op: 'lte', target: 2000 },
          },
        ],
      },
      {
        at: '2026-11-26T14:00:00Z',
        sources: { prod: failing, offline: createMemorySource('offline', [{ latency_ms: 100 }]) },
      },
    );
    expect(report.slos[0]).toMatchObject({ status: 'no_data', value: null });
    expect(report.slos[0]!.notes[0]).toContain(
      '503 TEMPORARILY_UNAVAILABLE to POST /api/3.0/mlflow/traces/search',
    );
    expect(report.slos[1]).toMatchObject({ status: 'ok', value: 100 });
    expect(report.sources.find((source) => source.name === 'prod')!.error).toContain('503');
  });
});

describe('mlflow source config', () => {
  const create = (
    config: Record<string, unknown>,
    env: Record<string, string> = { MLFLOW_TRACKING_URI: 'http://127.0.0.1:1' },
  ) =>
    createMlflowSource(
      'prod',
      { type: 'mlflow', experiment: 'x', ...config },
      { baseDir: '.', configFile: 'slokit.yaml', env },
    );

  it('rejects unknown keys and bad values, naming the config path', () => {
    expect(() => create({ trace: true })).toThrow(/slokit\.yaml: sources\.prod: Unrecognized key: "trace"/);
    expect(() => create({ pageSize: 501 })).toThrow(
      /sources\.prod\.pageSize: MLflow returns at most 500 traces per request/,
    );
    expect(() => create({ overlap: 'soon' })).toThrow(/sources\.prod\.overlap: expected a duration/);
    expect(() => create({ experiment: ' ' })).toThrow(
      /sources\.prod\.experiment: expected an experiment name or id/,
    );
    expect(() => create({ cost: { prices: { 'gpt-4o': { input: -1, output: 1 } } } })).toThrow(ConfigError);
  });

  it('is a config error naming MLFLOW_TRACKING_URI when it is not set', () => {
    expect(() => create({}, {})).toThrow(
      /sources\.prod: environment variable MLFLOW_TRACKING_URI is not set/,
    );
  });

  it('has an eval summary for eval runs, and for traces only when runs are configured too', () => {
    expect(create({}).readEvalSummary).toBeTypeOf('function');
    expect(create({ traces: true }).readEvalSummary).toBeUndefined();
    expect(create({ traces: true, runs: 'latest' }).readEvalSummary).toBeTypeOf('function');
  });

  it('rejects a cursor that is not its own', async () => {
    const reading = create({ traces: true }).readRecords({ cursor: 'bm90IGEgY3Vyc29y' });
    await expect(reading[Symbol.asyncIterator]().next()).rejects.toThrow(
      /not a cursor of MLflow source 'prod'/,
    );
  });
});
