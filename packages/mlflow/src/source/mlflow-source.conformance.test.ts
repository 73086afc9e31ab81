import { testSource } from '@slokit/core/testing';
import { startMlflowEmulator } from '@slokit/testkit/mlflow';
import { MlflowClient } from '../client/mlflow-client.js';
import { writeRecordsAsTraces } from '../test-support/write-records-as-traces.js';
import { createMlflowSource } from './create-mlflow-source.js';

const env = (url: string) => ({
  MLFLOW_TRACKING_URI: url,
  MLFLOW_TRACKING_TOKEN: 'mlflow-conformance-token',
});

testSource({
  name: 'mlflow traces',
  async setup(records) {
    const emulator = await startMlflowEmulator({ auth: { tokens: ['mlflow-conformance-token'] } });
    const client = new MlflowClient({
      trackingUri: emulator.url,
      auth: { type: 'bearer', token: 'mlflow-conformance-token' },
    });
    const experimentId = await client.createExperiment({ name: 'support-bot-prod' });
    await writeRecordsAsTraces(client, experimentId, records);
    const source = createMlflowSource(
      'prod',
      { type: 'mlflow', experiment: 'support-bot-prod', traces: true, pageSize: 50 },
      { baseDir: '.', env: env(emulator.url) },
    );
    return { source, teardown: () => emulator.stop() };
  },
});

testSource({
  name: 'mlflow eval runs',
  async setup(records) {
    const emulator = await startMlflowEmulator();
    const client = new MlflowClient({ trackingUri: emulator.url });
    const experimentId = await client.createExperiment({ name: 'support-bot-evals' });
    const run = await client.createRun({
      experimentId,
      runName: 'eval-gpt-4o',
      startTime: Date.parse('2026-11-26T11:00:00Z'),
      tags: [{ key: 'mlflow.run.isEval', value: 'true' }],
    });
    const runId = run.info.run_id!;
    // Half the rows carry mlflow.sourceRun, the other half are linked to the run afterwards: both are its rows.
    await writeRecordsAsTraces(client, experimentId, records.slice(0, 120), {
      sourceRun: runId,
      traceIdPrefix: 'a1',
    });
    const linked = await writeRecordsAsTraces(client, experimentId, records.slice(120), {
      traceIdPrefix: 'b2',
    });
    await client.linkTracesToRun(runId, linked);
    await client.updateRun({ runId, status: 'FINISHED', endTime: Date.parse('2026-11-26T14:00:00Z') });
    const source = createMlflowSource(
      'evals',
      { type: 'mlflow', experiment: experimentId, runs: 'latest', pageSize: 50 },
      { baseDir: '.', env: env(emulator.url) },
    );
    return { source, teardown: () => emulator.stop() };
  },
});
