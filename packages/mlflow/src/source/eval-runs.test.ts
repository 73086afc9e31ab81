import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '../client/mlflow-client.js';
import type { Run } from '../client/mlflow-schemas.js';
import { evalTableRowToRecord, parseEvalTable } from '../mapping/eval-table-to-records.js';
import { mlflowLinks } from '../mapping/mlflow-links.js';
import { runToEvalSummary } from '../mapping/run-to-eval-summary.js';
import { type EvalScenario, legacyTable, seedEvalScenario } from '../test-support/seed-eval-scenario.js';
import { findEvalTable, loggedTablePath } from './find-eval-table.js';
import { findSummaryRun, listSelectedRuns } from './select-eval-runs.js';

const links = mlflowLinks('http://mlflow:5000', false);

describe('runToEvalSummary', () => {
  it('takes every metric under its MLflow key, NaN as no value, named and timed after the run', () => {
    const run: Run = {
      info: {
        run_id: 'abc',
        experiment_id: '3',
        run_name: 'eval-gpt-4o',
        start_time: 1000,
        end_time: 1_795_640_303_973,
      },
      data: {
        metrics: [
          { key: 'correctness/mean', value: 0.82 },
          { key: 'toxicity/v1/mean', value: 0.01 },
          { key: 'groundedness/mean', value: Number.NaN },
        ],
      },
    };
    expect(runToEvalSummary(run, 50, links)).toEqual({
      metrics: { 'correctness/mean': 0.82, 'toxicity/v1/mean': 0.01, 'groundedness/mean': null },
      samples: 50,
      name: 'eval-gpt-4o',
      timestamp: new Date(1_795_640_303_973).toISOString(),
      url: 'http://mlflow:5000/#/experiments/3/runs/abc',
    });
  });

  it('leaves out what the run does not say (no samples, start_time 0)', () => {
    expect(runToEvalSummary({ info: { run_id: 'r', start_time: 0 } }, undefined, links)).toEqual({
      metrics: {},
      name: 'r',
    });
  });
});

describe('the legacy eval results table', () => {
  it('parses split-oriented JSON and says what is wrong otherwise', () => {
    expect(parseEvalTable(JSON.stringify(legacyTable))).toMatchObject({
      ok: true,
      columns: legacyTable.columns,
    });
    expect(parseEvalTable('{"columns": ["a"], "data": ')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not valid JSON'),
    });
    expect(parseEvalTable('{"a": [1]}')).toEqual({
      ok: false,
      problem: 'is not a split-oriented table ({"columns": [...], "data": [[...]]})',
    });
  });

  it('makes a row a record: /score columns as scores, latency in seconds, token_count as total tokens', () => {
    const record = evalTableRowToRecord(legacyTable.columns, legacyTable.data[2]!, 2, {
      source: 'evals',
      runId: 'legacy',
      runName: 'legacy-eval-rag-v1',
      time: 1_795_294_813_973,
      url: 'http://mlflow:5000/#/experiments/3/runs/legacy',
    });
    expect(record).toEqual({
      id: 'legacy/2',
      timestamp: new Date(1_795_294_813_973).toISOString(),
      latency_ms: 610,
      status: 'success',
      error: undefined,
      cost_usd: undefined,
      tokens: { total: 95 },
      scores: { 'toxicity/v1': 0.4, 'answer_similarity/v1': 2 },
      tags: undefined,
      metadata: { run_id: 'legacy', row: 2, run_name: 'legacy-eval-rag-v1' },
      source: 'evals',
      url: 'http://mlflow:5000/#/experiments/3/runs/legacy',
    });
  });

  it('finds the table from the mlflow.loggedArtifacts tag', () => {
    expect(loggedTablePath('[{"path": "eval_results_table.json", "type": "table"}]')).toBe(
      'eval_results_table.json',
    );
    expect(loggedTablePath('[{"path": "v2_eval_results_table.json", "type": "table"}]')).toBe(
      'v2_eval_results_table.json',
    );
    expect(loggedTablePath('[{"path": "model", "type": "model"}]')).toBeUndefined();
    expect(loggedTablePath('not json')).toBeUndefined();
  });
});

describe('selecting eval runs', () => {
  let emulator: MlflowEmulator;
  let client: MlflowClient;
  let scenario: EvalScenario;

  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    client = new MlflowClient({ trackingUri: emulator.url, retry: { maxAttempts: 1 } });
    scenario = await seedEvalScenario(emulator);
  });
  afterAll(() => emulator.stop());

  const idOf = (run: Run | undefined) => run?.info.run_id;

  it('latest is the newest FINISHED run tagged mlflow.run.isEval, else the newest FINISHED run', async () => {
    expect(idOf(await findSummaryRun(client, scenario.experimentId, { kind: 'latest' }))).toBe(
      scenario.latestRunId,
    );
    // A newer FAILED eval run does not count.
    const failed = emulator.addRun({
      experimentId: scenario.experimentId,
      name: 'eval-crashed',
      status: 'FAILED',
      startTime: 1_795_700_000_000,
      tags: { 'mlflow.run.isEval': 'true' },
    });
    expect(idOf(await findSummaryRun(client, scenario.experimentId, { kind: 'latest' }))).toBe(
      scenario.latestRunId,
    );
    const legacyOnly = emulator.createExperiment('legacy-only');
    const plain = emulator.addRun({ experimentId: legacyOnly, name: 'evaluate', startTime: 1000 });
    expect(idOf(await findSummaryRun(client, legacyOnly, { kind: 'latest' }))).toBe(plain);
    expect(failed).toMatch(/^[0-9a-f]{32}$/);
  });

  it('all lists every FINISHED run, oldest first; a filter lists the runs it matches', async () => {
    const all: string[] = [];
    for await (const run of listSelectedRuns(client, scenario.experimentId, { kind: 'all' }))
      all.push(run.info.run_name!);
    expect(all).toEqual(['legacy-eval-rag-v1', 'eval-gpt-4o-mini-2026-11-24', 'eval-gpt-4o-2026-11-25']);
    const filtered: string[] = [];
    const filter = { kind: 'filter' as const, filter: "params.model = 'gpt-4o-mini'" };
    for await (const run of listSelectedRuns(client, scenario.experimentId, filter))
      filtered.push(run.info.run_name!);
    expect(filtered).toEqual(['eval-gpt-4o-mini-2026-11-24']);
    // 0.44 (older, FINISHED) and 0.67 (failed, older still) match: a filter takes the newest match, any status.
    const lowest = await findSummaryRun(client, scenario.experimentId, {
      kind: 'filter',
      filter: 'metrics."correctness/mean" < 0.7',
    });
    expect(idOf(lowest)).toBe(scenario.olderRunId);
    const failed = await findSummaryRun(client, scenario.experimentId, {
      kind: 'filter',
      filter: "attributes.status = 'FAILED' and metrics.`safety/mean` > 0.9",
    });
    expect(idOf(failed)).toBe(scenario.failedRunId);
  });

  it('finds the results table by listing the artifacts when no tag names it', async () => {
    const run = await client.getRun(scenario.legacyRunId);
    expect(await findEvalTable(client, run)).toBe('eval_results_table.json');
    const untagged = emulator.addRun({ experimentId: scenario.experimentId, name: 'untagged', startTime: 5 });
    emulator.addArtifact(untagged, 'eval/eval_results_table.json', '{}');
    emulator.addArtifact(untagged, 'prefixed_eval_results_table.json', '{}');
    expect(await findEvalTable(client, await client.getRun(untagged))).toBe(
      'prefixed_eval_results_table.json',
    );
    expect(await findEvalTable(client, await client.getRun(scenario.olderRunId))).toBeUndefined();
  });
});
