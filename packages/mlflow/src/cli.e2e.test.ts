import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report } from '@slokit/core';
import { generateSupportBotTraffic } from '@slokit/testkit';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEvalScenario } from './test-support/seed-eval-scenario.js';

const cliBin = join(dirname(createRequire(import.meta.url).resolve('slokit/package.json')), 'dist', 'bin.js');
const token = 'mlflow-e2e-token-0123456789';
const at = '2026-11-26T14:00:00Z';
const traffic = {
  seed: 'mlflow-e2e',
  count: 2000,
  start: '2026-11-26T12:00:00.000Z',
  end: '2026-11-26T14:00:00.000Z',
};

const config = `version: 1
sources:
  evals:
    type: mlflow
    experiment: support-bot-evals
    runs: latest
  prod:
    type: mlflow
    experiment: support-bot-prod
    traces: true
slos:
  - name: eval-correctness
    source: evals
    sli: { evalMetric: correctness/mean }
    objective: { op: gte, target: 0.8 }
  - name: eval-p95-latency
    source: evals
    sli: { metric: latency_ms, aggregate: p95 }
    objective: { op: lte, target: 5000 }
  - name: availability
    source: prod
    sli: { ratio: { good: { field: status, equals: success } } }
    objective: { op: gte, target: 0.9 }
    window: 1h
  - name: helpfulness
    source: prod
    sli: { metric: scores.helpfulness, aggregate: mean }
    objective: { op: gte, target: 0.5 }
    window: 1h
  - name: cost-per-query
    source: prod
    sli: { metric: cost_usd, aggregate: mean }
    objective: { op: lte, target: 1 }
    window: 1h
`;

function run(args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('slokit CLI on MLflow sources (end to end)', () => {
  let emulator: MlflowEmulator;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startMlflowEmulator({ auth: { tokens: [token] } });
    await seedEvalScenario(emulator);
    emulator.seedSupportBotTraffic({ experiment: 'support-bot-prod', costMetadata: false, ...traffic });
    dir = mkdtempSync(join(tmpdir(), 'slokit-mlflow-e2e-'));
    writeFileSync(join(dir, 'slokit.yaml'), config);
    env = { MLFLOW_TRACKING_URI: emulator.url, MLFLOW_TRACKING_TOKEN: token };
  });
  afterAll(() => emulator.stop());

  it('checks an eval-run source and a traces source, and publishes the results back as MLflow runs', async () => {
    const result = await run(['check', '--at', at, '--format', 'json', '--publish', 'mlflow'], env, dir);
    expect(result.stderr).toMatch(
      /Published 2 SLO result\(s\) to MLflow experiment 'slokit-slo-checks' \(run [0-9a-f]{32}\)/,
    );
    expect(result.stderr).toMatch(/Published 3 SLO result\(s\) to MLflow experiment 'slokit-slo-checks'/);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    const slo = (name: string) => report.slos.find((item) => item.name === name)!;

    expect(slo('eval-correctness')).toMatchObject({ status: 'ok', value: 0.82, samples: 4 });
    expect(slo('eval-correctness').notes[0]).toMatch(/^from eval 'eval-gpt-4o-2026-11-25' at 2026-11-25T/);
    // The four per-row latencies of the eval run: 820, 1330, 2410, 3010 ms.
    expect(slo('eval-p95-latency').value).toBeCloseTo(2920, 6);

    const lastHour = [...generateSupportBotTraffic(traffic)].filter(
      (record) => Date.parse(record.timestamp) > Date.parse(at) - 3_600_000,
    );
    const successes = lastHour.filter((record) => record.status === 'success').length;
    expect(slo('availability')).toMatchObject({ samples: lastHour.length });
    expect(slo('availability').value).toBeCloseTo(successes / lastHour.length, 12);
    const helpfulness = lastHour.flatMap((record) =>
      record.scores?.helpfulness === undefined ? [] : [record.scores.helpfulness],
    );
    expect(slo('helpfulness').value).toBeCloseTo(
      helpfulness.reduce((sum, value) => sum + value, 0) / helpfulness.length,
      10,
    );
    expect(slo('cost-per-query').samples).toBe(lastHour.length);
    expect(report.sources.map((source) => [source.name, source.type, source.error])).toEqual([
      ['evals', 'mlflow', null],
      ['prod', 'mlflow', null],
    ]);

    const published = [...emulator.store.runs.values()].filter((item) => item.tags.has('slokit.check_key'));
    expect(published).toHaveLength(2);
    const prodRun = published.find((item) => item.tags.get('slokit.source') === 'prod')!;
    expect(prodRun.latest.get('slo.availability.value')!.value).toBeCloseTo(slo('availability').value!, 12);
    expect(prodRun.latest.get('slo.availability.value')!.timestamp).toBe(Date.parse(at));
    expect(prodRun.tags.get('slo.availability.status')).toBe(slo('availability').status);
    expect(emulator.dump()).not.toContain(token);

    // The same check again: the same runs, nothing duplicated.
    const again = await run(['check', '--at', at, '--format', 'json', '--publish', 'mlflow'], env, dir);
    expect(again.code).toBe(0);
    expect(
      [...emulator.store.runs.values()].filter((item) => item.tags.has('slokit.check_key')),
    ).toHaveLength(2);
    expect(prodRun.history.get('slo.availability.value')).toHaveLength(1);
  });

  it('discovers the metric names, assessment names and counts of an eval source', async () => {
    const result = await run(['discover', '--source', 'evals', '--days', '0', '--json'], env, dir);
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stdout);
    expect(found).toMatchObject({ source: 'evals', type: 'mlflow', records: 4, errors: 1 });
    expect(found.evalMetrics).toEqual([
      'correctness/mean',
      'relevance_to_query/mean',
      'safety/mean',
      'groundedness/mean',
    ]);
    expect(found.scores).toEqual([
      { key: 'correctness', count: 3, kind: 'boolean' },
      { key: 'relevance_to_query', count: 3, kind: 'number', min: 0.7, max: 1 },
    ]);
    const text = await run(['discover', '--source', 'prod', '--now', at, '--days', '1'], env, dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Source 'prod' (mlflow), last 1 day(s): 2,000 records`);
    expect(text.stdout).toMatch(/scores\.helpfulness {2}number/);
    expect(text.stdout).toMatch(/metadata\.model {2}string, 3 distinct/);
  });

  it('exits 3 naming the variable when the token is refused, and 2 when the tracking URI is not set', async () => {
    const refused = await run(
      ['check', '--at', at],
      { MLFLOW_TRACKING_URI: emulator.url, MLFLOW_TRACKING_TOKEN: 'wrong-token-123456' },
      dir,
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('401 UNAUTHENTICATED');
    expect(refused.stderr).toContain('check MLFLOW_TRACKING_TOKEN (…3456)');
    expect(refused.stderr).not.toContain('wrong-token-123456');
    expect(refused.stdout).toMatch(/availability .*no data/i);

    const unset = await run(['check', '--at', at], {}, dir);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/sources\.evals: environment variable MLFLOW_TRACKING_URI is not set/);
  });
});
