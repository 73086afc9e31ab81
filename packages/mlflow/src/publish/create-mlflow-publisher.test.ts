import type { Report } from '@slokit/core';
import { conformanceReport } from '@slokit/core/testing';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterEach, describe, expect, it } from 'vitest';
import { MlflowClient } from '../client/mlflow-client.js';
import { seedEvalScenario } from '../test-support/seed-eval-scenario.js';
import { createMlflowPublisher, defaultPublishExperiment } from './create-mlflow-publisher.js';

const fast = { retry: { initialDelayMs: 5, maxDelayMs: 20 } };

describe('mlflow publisher', () => {
  let emulator: MlflowEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  const setup = async (
    options: Parameters<typeof startMlflowEmulator>[0] = {},
    config: Record<string, unknown> = {},
  ) => {
    emulator = await startMlflowEmulator(options);
    const publisher = createMlflowPublisher(
      'prod',
      { type: 'mlflow', experiment: 'support-bot-prod', traces: true, ...config },
      { baseDir: '.', env: { MLFLOW_TRACKING_URI: emulator.url } },
      fast,
    );
    const client = new MlflowClient({ trackingUri: emulator.url });
    return { emulator, publisher, client };
  };
  const publishTwice = async (publisher: ReturnType<typeof createMlflowPublisher>, report: Report) => {
    await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
  };

  it('round-trips: what it publishes reads back with the client as one finished run', async () => {
    const { publisher, client } = await setup();
    const report = conformanceReport('2026-11-26T14:00:00.000Z');
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });

    const experiment = await client.getExperimentByName(defaultPublishExperiment);
    expect(experiment).toBeDefined();
    const { items: runs } = await client.searchRuns({ experimentIds: [experiment!.experiment_id] });
    expect(runs).toHaveLength(1);
    const run = await client.getRun(runs[0]!.info.run_id!);
    expect(result).toEqual({
      target: `MLflow experiment 'slokit-slo-checks' (run ${run.info.run_id})`,
      published: 3,
      urls: [`${emulator!.url}/#/experiments/${experiment!.experiment_id}/runs/${run.info.run_id}`],
    });
    expect(run.info).toMatchObject({ run_name: 'slo-check 2026-11-26T14:00:00.000Z', status: 'FINISHED' });

    const at = Date.parse(report.at);
    const metrics = Object.fromEntries((run.data?.metrics ?? []).map((metric) => [metric.key, metric]));
    expect(metrics['slo.p95-latency.value']).toMatchObject({ value: 1800, timestamp: at, step: 0 });
    expect(metrics['slo.p99-latency.value']).toMatchObject({ value: 7200.5, timestamp: at });
    expect(metrics['slo.compliance']).toMatchObject({ value: 0.5, timestamp: at });
    expect(metrics['slo.empty.value']).toBeUndefined();
    const history = await client.getFullMetricHistory(run.info.run_id!, 'slo.p95-latency.value');
    expect(history.map((point) => point.timestamp)).toEqual([at]);

    const tags = Object.fromEntries((run.data?.tags ?? []).map((tag) => [tag.key, tag.value]));
    expect(tags).toMatchObject({
      'slo.p95-latency.status': 'ok',
      'slo.p99-latency.status': 'critical',
      'slo.empty.status': 'no_data',
      'slo.status': 'critical',
      'slokit.check_id': report.checkId,
      'mlflow.source.name': 'slokit',
    });
    const params = Object.fromEntries((run.data?.params ?? []).map((param) => [param.key, param.value]));
    expect(params).toMatchObject({
      'slo.p95-latency.objective': 'lte 2000',
      'slo.p99-latency.sli': 'p95 of latency_ms',
    });

    const artifact = JSON.parse(
      (await client.downloadArtifact(run.info.run_id!, 'slokit-report.json')).toString(),
    );
    expect(artifact).toMatchObject({ checkId: report.checkId, source: 'prod', compliance: 0.5 });
    expect(artifact.slos.map((slo: { name: string }) => slo.name)).toEqual([
      'p95-latency',
      'p99-latency',
      'empty',
    ]);
  });

  it('publishes each check as its own run, so repeated checks chart over time', async () => {
    const { publisher, client } = await setup();
    await publishTwice(publisher, conformanceReport('2026-11-26T13:00:00.000Z'));
    const second = { ...conformanceReport('2026-11-26T14:00:00.000Z'), at: '2026-11-26T14:00:00.000Z' };
    second.slos = second.slos.map((slo) => (slo.name === 'p95-latency' ? { ...slo, value: 1900 } : slo));
    await publishTwice(publisher, second);
    const experiment = await client.getExperimentByName(defaultPublishExperiment);
    const { items: runs } = await client.searchRuns({ experimentIds: [experiment!.experiment_id] });
    expect(runs).toHaveLength(2);
    expect(
      runs
        .map((run) => run.data!.metrics!.find((metric) => metric.key === 'slo.p95-latency.value')!.value)
        .sort(),
    ).toEqual([1800, 1900]);
  });

  it('is idempotent for a check id: a second publish writes nothing new', async () => {
    const { publisher, emulator: server } = await setup();
    const report = conformanceReport();
    await publishTwice(publisher, report);
    const before = server.requests.length;
    await publishTwice(publisher, report);
    const writes = server.requests
      .slice(before)
      .filter((request) => /log-batch|runs\/create|runs\/update/.test(request.path));
    expect(writes).toEqual([]);
    const run = [...server.store.runs.values()][0]!;
    expect(run.history.get('slo.p95-latency.value')).toHaveLength(1);
  });

  it('recovers when a create or a metric write landed but its answer was lost, without duplicates', async () => {
    const { publisher, emulator: server } = await setup();
    server.addFault({ kind: 'reset', path: '/runs/create' });
    server.addFault({ kind: 'reset', path: '/runs/log-batch' });
    server.addFault({ kind: 'status', status: 503, path: '/runs/update' });
    const report = conformanceReport();
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    expect(result.published).toBe(3);
    const runs = [...server.store.runs.values()];
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('FINISHED');
    expect(runs[0]!.history.get('slo.p95-latency.value')).toHaveLength(1);
    expect(runs[0]!.history.get('slo.compliance')).toHaveLength(1);
  });

  it('creates the experiment once even when another publisher created it first', async () => {
    const { publisher, emulator: server } = await setup();
    // The name is free when looked up, then taken when created: RESOURCE_ALREADY_EXISTS, then found by name.
    let first = true;
    const original = server.store.createExperiment.bind(server.store);
    server.store.createExperiment = (body) => {
      if (first) {
        first = false;
        original({ name: defaultPublishExperiment });
      }
      return original(body);
    };
    const report = conformanceReport();
    await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    const names = [...server.store.experiments.values()].map((experiment) => experiment.name);
    expect(names.filter((name) => name === defaultPublishExperiment)).toHaveLength(1);
    expect(server.store.runs.size).toBe(1);
  });

  it('skips the artifact on a server that does not proxy artifacts, and writes to the configured experiment', async () => {
    const { publisher, emulator: server } = await setup(
      { artifactRoot: '/srv/mlflow/artifacts' },
      { publish: { experiment: 'slo-results' } },
    );
    const report = conformanceReport();
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    expect(result.target).toMatch(/^MLflow experiment 'slo-results' \(run [0-9a-f]{32}\)$/);
    expect(server.requests.some((request) => request.path.includes('mlflow-artifacts'))).toBe(false);
    expect(server.store.artifacts.size).toBe(0);
  });

  it('tags the evaluated eval run with slo.status when asked', async () => {
    emulator = await startMlflowEmulator();
    const scenario = await seedEvalScenario(emulator);
    const publisher = createMlflowPublisher(
      'evals',
      { type: 'mlflow', experiment: 'support-bot-evals', publish: { tagEvalRun: true } },
      { baseDir: '.', env: { MLFLOW_TRACKING_URI: emulator.url } },
      fast,
    );
    const report = conformanceReport();
    const result = await publisher.publish({
      report,
      slos: report.slos.slice(0, 1),
      checkId: report.checkId,
    });
    const evalRun = emulator.store.runs.get(scenario.latestRunId)!;
    expect(evalRun.tags.get('slo.status')).toBe('ok');
    expect(result.target).toContain(evalRun.tags.get('slo.check_run')!);
    expect(emulator.store.runs.get(scenario.olderRunId)!.tags.has('slo.status')).toBe(false);
  });

  it('publishes to /Shared/slokit-slo-checks on Databricks, linking to the workspace UI', async () => {
    emulator = await startMlflowEmulator({ auth: { tokens: ['dapi-test-token-0001'] } });
    const publisher = createMlflowPublisher(
      'prod',
      { type: 'mlflow', experiment: '/Users/me@example.com/support-bot', traces: true },
      // The emulator stands in for the workspace DATABRICKS_HOST names.
      {
        baseDir: '.',
        env: {
          MLFLOW_TRACKING_URI: 'databricks',
          DATABRICKS_HOST: emulator.url,
          DATABRICKS_TOKEN: 'dapi-test-token-0001',
        },
      },
      fast,
    );
    const report = conformanceReport();
    const result = await publisher.publish({ report, slos: report.slos, checkId: report.checkId });
    const experiment = [...emulator.store.experiments.values()].find(
      (item) => item.name === '/Shared/slokit-slo-checks',
    );
    expect(experiment).toBeDefined();
    expect(result.urls![0]).toMatch(
      new RegExp(`^${emulator.url}/ml/experiments/${experiment!.experimentId}/runs/[0-9a-f]{32}$`),
    );
    expect(
      emulator.requests.every((request) => request.headers.authorization === 'Bearer dapi-test-token-0001'),
    ).toBe(true);
  });
});
