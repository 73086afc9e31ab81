import type { EvalRecord, RecordIssue } from '@slokit/core';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '../client/mlflow-client.js';
import { createMlflowSource } from './create-mlflow-source.js';

let emulator: MlflowEmulator;
let experimentId: string;

beforeAll(async () => {
  emulator = await startMlflowEmulator();
  experimentId = emulator.createExperiment('hostile');
  await new MlflowClient({ trackingUri: emulator.url }).startTrace({
    trace_id: 'tr-0000000000000000000000000000beef',
    client_request_id: 'hostile-1',
    trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
    request_time: '2026-11-26T13:00:00.000Z',
    execution_duration: '1.5s',
    state: 'OK',
    trace_metadata: {
      '__proto__.url': 'https://attacker.example/metadata',
      'constructor.prototype.polluted': 'yes',
      'app.version': '2.4.0',
    },
    tags: {
      __proto__: '{"url": "https://attacker.example/tag"}',
      'prototype.url': 'https://attacker.example/prototype',
      'team.__proto__.polluted': 'yes',
      env: 'prod',
    },
    assessments: [
      { assessment_name: '__proto__', feedback: { value: 1 }, create_time: '2026-11-26T13:00:01Z' },
    ],
  });
});
afterAll(() => emulator.stop());
afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).url;
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('mlflow source on hostile trace metadata', () => {
  it('keeps every key that would reach an object prototype out, and reports it', async () => {
    const source = createMlflowSource(
      'prod',
      { type: 'mlflow', experiment: 'hostile', traces: true },
      { baseDir: '.', env: { MLFLOW_TRACKING_URI: emulator.url } },
    );
    const records: EvalRecord[] = [];
    const issues: RecordIssue[] = [];
    for await (const batch of source.readRecords()) {
      records.push(...batch.records);
      issues.push(...batch.issues);
    }
    const probe: Record<string, unknown> = {};
    expect(probe.url).toBeUndefined();
    expect(probe.polluted).toBeUndefined();
    expect(records).toHaveLength(1);
    expect(records[0]!.metadata).toMatchObject({ app: { version: '2.4.0' }, env: 'prod' });
    expect(Object.getPrototypeOf(records[0]!.metadata)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(records[0]!.scores ?? {})).toBe(Object.prototype);
    expect(issues).toEqual([
      {
        source: 'prod',
        location: 'MLflow trace tr-0000000000000000000000000000beef',
        message: expect.stringMatching(/^dropped keys that would reach an object prototype: /),
      },
    ]);
    for (const key of [
      '__proto__',
      'prototype.url',
      'team.__proto__.polluted',
      '__proto__.url',
      'constructor.prototype.polluted',
    ]) {
      expect(issues[0]!.message).toContain(key);
    }
  });
});
