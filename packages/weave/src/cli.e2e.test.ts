import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createMemorySource, type Report, resolveConfig } from '@slokit/core';
import { check } from '@slokit/engine';
import { startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pricedTraffic } from './test-support/emulator-fixture.js';

// The built `slokit` bin, as a user's `npx slokit` runs it.
const bin = join(dirname(createRequire(import.meta.url).resolve('slokit/package.json')), 'dist/bin.js');
const at = '2026-11-26T14:00:00Z';
const project = 'acme/support-bot';
const traffic = { seed: 'cli-e2e', count: 900, start: '2026-11-26T11:00:00Z', end: at };

const config = `version: 1
sources:
  evals:
    type: weave
    project: ${project}
    evaluations: latest
  prod:
    type: weave
    project: ${project}
    ops: [answer_question]
    pageSize: 200
slos:
  - name: eval-correctness
    source: evals
    sli: { evalMetric: correctness.true_fraction }
    objective: { op: gte, target: 0.7 }
  - name: eval-p90-model-latency
    source: evals
    sli: { metric: latency_ms, aggregate: p90 }
    objective: { op: lte, target: 2000 }
  - name: p95-latency
    source: prod
    sli: { metric: latency_ms, aggregate: p95 }
    objective: { op: lte, target: 5000 }
    window: 1h
    groupBy: metadata.model
  - name: availability
    source: prod
    sli: { ratio: { good: { field: status, equals: success } } }
    objective: { op: gte, target: 0.95 }
    window: 1h
  - name: cost-per-query
    source: prod
    sli: { metric: cost_usd, aggregate: mean }
    objective: { op: lte, target: 0.05 }
    window: 1h
  - name: accuracy
    source: prod
    sli: { ratio: { good: { field: scores.accuracy, equals: true } } }
    objective: { op: gte, target: 0.8 }
    window: 2h
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let emulator: WeaveEmulator;
let dir: string;
let evaluationCallId: string;

function slokit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          WANDB_API_KEY: emulator.apiKey,
          WF_TRACE_SERVER_URL: emulator.url,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  emulator = await startWeaveEmulator({ seed: { project, ...traffic } });
  evaluationCallId = emulator.seedEvaluation({
    project,
    name: 'support-eval',
    startedAt: '2026-11-26T13:00:00.000Z',
    rows: [
      { scores: { correctness: true }, modelLatencyMs: 900 },
      { scores: { correctness: true }, modelLatencyMs: 1400 },
      { scores: { correctness: false }, modelLatencyMs: 2600 },
      { scores: { correctness: true }, modelLatencyMs: 700 },
      { scores: { correctness: true }, modelLatencyMs: 1100, error: 'model timeout' },
    ],
  }).evaluationCallId;
  dir = await mkdtemp(join(tmpdir(), 'slokit-weave-e2e-'));
  await writeFile(join(dir, 'slokit.yaml'), config);
});

afterAll(async () => {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('slokit with weave sources', () => {
  it('checks an evaluations source and a traced-ops source, with the numbers of the data itself', async () => {
    const run = await slokit(['check', '--at', at, '--format', 'json', '--fail-on', 'never']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;

    // The same SLOs over the same calls held in memory, as Weave priced them.
    const truth = await check(
      resolveConfig(
        {
          sources: { evals: { type: 'memory' }, prod: { type: 'memory' } },
          slos: report.slos
            .filter((slo) => slo.source === 'prod')
            .map((slo) => ({
              name: slo.name,
              source: 'prod',
              sli:
                slo.name === 'availability'
                  ? { ratio: { good: { field: 'status', equals: 'success' } } }
                  : slo.name === 'accuracy'
                    ? { ratio: { good: { field: 'scores.accuracy', equals: true } } }
                    : { metric: slo.sli.field, aggregate: slo.sli.aggregate! },
              objective: { op: slo.op, target: slo.target },
              window: slo.window!,
              ...(slo.groupBy ? { groupBy: slo.groupBy } : {}),
            })),
        },
        { baseDir: dir },
      ),
      { at, sources: { prod: createMemorySource('prod', pricedTraffic(traffic)) } },
    );
    for (const expected of truth.slos) {
      const actual = report.slos.find((slo) => slo.name === expected.name)!;
      expect(actual.samples, expected.name).toBe(expected.samples);
      expect(actual.value, expected.name).toBeCloseTo(expected.value!, 9);
      expect(actual.segments?.map((segment) => [segment.key, segment.samples])).toEqual(
        expected.segments?.map((segment) => [segment.key, segment.samples]),
      );
    }
    expect(report.slos.find((slo) => slo.name === 'p95-latency')!.samples).toBeGreaterThan(100);

    const correctness = report.slos.find((slo) => slo.name === 'eval-correctness')!;
    // The failed row has no score: the SDKs' true_fraction divides by every row, 3 of 5.
    expect(correctness).toMatchObject({ status: 'critical', value: 0.6, samples: 5 });
    expect(correctness.notes[0]).toBe(
      `from eval 'support-eval (eval-2026-11-26-support-eval)' at ${'2026-11-26T13:00:'}${correctness.notes[0]!.slice(-7)}`,
    );
    const latency = report.slos.find((slo) => slo.name === 'eval-p90-model-latency')!;
    // Model latencies 700, 900, 1100, 1400, 2600 ms: the P90 interpolates between the two largest.
    expect(latency).toMatchObject({ value: 1400 + 0.6 * (2600 - 1400), samples: 5, status: 'critical' });
    expect(report.sources.map((source) => [source.name, source.type, source.records, source.error])).toEqual([
      ['evals', 'weave', 5, null],
      ['prod', 'weave', truth.sources[0]!.records, null],
    ]);
  });

  it('prints the dashboard', async () => {
    const run = await slokit(['check', '--at', at, '--fail-on', 'never']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/eval-correctness\s+│ ≥ 70%\s+│ 60%\s+│ 5 /);
    expect(run.stdout).toContain("from eval 'support-eval (eval-2026-11-26-support-eval)'");
  });

  it('publishes each check back to Weave once, however often it runs', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = await slokit(['check', '--at', at, '--publish', 'weave', '--fail-on', 'never']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`Published 2 SLO result(s) to Weave project ${project}`);
      expect(run.stderr).toContain(`Published 4 SLO result(s) to Weave project ${project}`);
    }
    const store = emulator.project(project);
    const checks = [...store.calls.values()].filter((call) => call.op_name === 'slokit.check');
    expect(checks).toHaveLength(2);
    const evalCheck = checks.find((call) => (call.inputs.source as { name: string }).name === 'evals')!;
    expect(evalCheck.inputs.evaluation).toBe(`weave:///${project}/call/${evaluationCallId}`);
    expect(
      (evalCheck.output as { slos: Array<{ name: string; status: string; value: number }> }).slos,
    ).toEqual([
      expect.objectContaining({ name: 'eval-correctness', status: 'critical', value: 0.6 }),
      expect.objectContaining({ name: 'eval-p90-model-latency', status: 'critical', value: 2120 }),
    ]);
    const feedback = store.feedback.filter((entry) => entry.feedback_type === 'slokit.slo');
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({
      weave_ref: `weave:///${project}/call/${evaluationCallId}`,
      creator: 'slokit',
      payload: { check_id: '2026-11-26T14:00:00.000Z', passed: false },
    });
    expect(emulator.dump()).not.toContain(emulator.apiKey);
  });

  it('discovers the ops, scorers and feedback types of a source', async () => {
    const prod = await slokit(['discover', '--source', 'prod', '--now', at, '--days', '1']);
    expect(prod.code).toBe(0);
    expect(prod.stdout).toMatch(/Source 'prod' \(weave\), last 1 day\(s\): 900 records/);
    expect(prod.stdout).toMatch(/scores\.accuracy\s+boolean/);
    expect(prod.stdout).toMatch(/scores\.helpfulness\s+number/);
    expect(prod.stdout).toMatch(/metadata\.op\s+string, 1 distinct e\.g\. answer_question/);
    expect(prod.stdout).toMatch(/metadata\.feedback:wandb\.runnable\.accuracy\s+boolean/);
    expect(prod.stdout).toMatch(/metadata\.feedback:wandb\.runnable\.helpfulness\s+boolean/);
    expect(prod.stdout).toMatch(/metadata\.model\s+string, 3 distinct/);
    const evals = await slokit(['discover', '--source', 'evals', '--now', at, '--days', '1']);
    expect(evals.code).toBe(0);
    expect(evals.stdout).toMatch(/scores\.correctness\s+boolean/);
    expect(evals.stdout).toContain(
      'Eval metrics: correctness.true_count, correctness.true_fraction, model_latency.mean',
    );
  });

  it('fails with exit 3 naming WANDB_API_KEY when the key is wrong, and exit 2 when it is missing', async () => {
    const wrong = await slokit(['check', '--at', at], { WANDB_API_KEY: 'wrong-key-0123456789' });
    expect(wrong.code).toBe(3);
    const json = await slokit(['check', '--at', at, '--format', 'json'], {
      WANDB_API_KEY: 'wrong-key-0123456789',
    });
    const report = JSON.parse(json.stdout) as Report;
    expect(report.sources[0]!.error).toContain('answered 401');
    expect(report.sources[0]!.error).toContain('WANDB_API_KEY, …6789');
    expect(report.slos.every((slo) => slo.status === 'no_data')).toBe(true);
    const missing = await slokit(['check', '--at', at], { WANDB_API_KEY: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/sources\.evals: environment variable WANDB_API_KEY is not set/);
  });
});
