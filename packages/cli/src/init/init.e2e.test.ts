import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { startWeaveEmulator, type WeaveEmulator } from '@slokit/testkit/weave';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CliIo } from '../cli-io.js';
import { runCli } from '../run-cli.js';

const at = '2026-11-26T14:00:00Z';
const quickstartRecords = fileURLToPath(
  new URL('../../../../examples/quickstart/data/records.jsonl', import.meta.url),
);
const dirs: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The questions asked, in order. */
  questions: string[];
}

/** `slokit` in-process, in `cwd`; with `answers`, on a terminal where the user types them. */
async function slokit(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  answers?: string[],
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    color: false,
    interactive: false,
    cwd,
    env,
    ...(answers
      ? {
          ask: async (question: string) => {
            questions.push(question);
            const answer = answers.shift();
            if (answer === undefined) throw new Error(`unexpected question: ${question}`);
            return answer;
          },
        }
      : {}),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, questions };
}

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slokit-init-'));
  dirs.push(dir);
  return dir;
}

interface WrittenConfig {
  sources: Record<string, Record<string, unknown>>;
  slos: Array<{ name: string; sli: Record<string, unknown>; window?: string; groupBy?: string }>;
}

async function written(dir: string): Promise<WrittenConfig> {
  return parse(await readFile(join(dir, 'slokit.yaml'), 'utf8')) as WrittenConfig;
}

/** The written config validates, and checks without a usage or source error. */
async function expectChecks(dir: string, env: Record<string, string> = {}) {
  const validate = await slokit(['validate'], dir, env);
  expect(validate.stderr).toBe('');
  expect(validate.code).toBe(0);
  const check = await slokit(['check', '--at', at], dir, env);
  expect(check.stderr).toBe('');
  expect([0, 1]).toContain(check.code);
  return check;
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('slokit init on a file', { timeout: 120_000 }, () => {
  it('writes the starter SLOs it finds in a records file, and the next command', async () => {
    const dir = await freshDir();
    const run = await slokit(['init', '--tracker', 'file', '--path', quickstartRecords, '--days', '0'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Wrote slokit.yaml: file ${quickstartRecords}, 5 SLOs from what it holds.\nNext: npx slokit check\n`,
    );
    const config = await written(dir);
    expect(config.sources).toEqual({ prod: { type: 'file', path: quickstartRecords } });
    expect(config.slos.map((slo) => slo.name)).toEqual([
      'p95-latency',
      'availability',
      'accuracy',
      'helpfulness',
      'cost-per-query',
    ]);
    expect(config.slos[0]).toMatchObject({ groupBy: 'metadata.model', window: '1h' });
    await expectChecks(dir);
  });

  it("writes evalMetric SLOs for an eval run's results file", async () => {
    const dir = await freshDir();
    await writeFile(
      join(dir, 'results.json'),
      JSON.stringify({ metrics: { accuracy: 0.87, faithfulness: 0.91, 'answer/relevance': 0.8 } }),
    );
    const run = await slokit(['init', '--tracker', 'file', '--path', './results.json'], dir);
    expect(run.stdout).toContain('Wrote slokit.yaml: file ./results.json, 3 SLOs from what it holds.');
    const config = await written(dir);
    expect(config.slos.map((slo) => [slo.name, slo.sli])).toEqual([
      ['eval-accuracy', { evalMetric: 'accuracy' }],
      ['eval-faithfulness', { evalMetric: 'faithfulness' }],
      ['eval-answer-relevance', { evalMetric: 'answer/relevance' }],
    ]);
    await expectChecks(dir);
  });
});

describe('slokit init on LangSmith', { timeout: 120_000 }, () => {
  let langsmith: LangSmithEmulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    langsmith = await startLangSmithEmulator();
    env = { LANGSMITH_API_KEY: langsmith.apiKey, LANGSMITH_ENDPOINT: langsmith.url };
  });
  afterAll(() => langsmith.stop());

  it('takes the tracker and project from flags', async () => {
    const dir = await freshDir();
    const run = await slokit(
      ['init', '--tracker', 'langsmith', '--project', 'support-bot', '--now', at, '--days', '1'],
      dir,
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'Wrote slokit.yaml: LangSmith project support-bot, 5 SLOs from what it holds.\nNext: npx slokit check\n',
    );
    const config = await written(dir);
    expect(config.sources).toEqual({ prod: { type: 'langsmith', project: 'support-bot' } });
    expect(config.slos.map((slo) => slo.name)).toEqual([
      'p95-latency',
      'availability',
      'accuracy',
      'helpfulness',
      'cost-per-query',
    ]);
    expect(await readFile(join(dir, 'slokit.yaml'), 'utf8')).toContain('# LANGSMITH_API_KEY');
    await expectChecks(dir, env);
  });

  it('asks on a terminal which tracker and which project', async () => {
    const dir = await freshDir();
    const run = await slokit(['init', '--now', at, '--days', '1'], dir, env, ['2', 'support-bot']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Which tracker holds your LLM app's runs or evals?\n  1) a file of records");
    expect(run.stdout).toContain('  2) LangSmith\n  3) MLflow\n  4) W&B Weave\n');
    expect(run.questions).toEqual(['Tracker [1-4]: ', 'LangSmith project [default]: ']);
    expect((await written(dir)).sources).toEqual({ prod: { type: 'langsmith', project: 'support-bot' } });
  });

  it('still writes a config to start from when the tracker cannot be read, saying why', async () => {
    const dir = await freshDir();
    const run = await slokit(['init', '--tracker', 'langsmith', '--project', 'support-bot'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^slokit: could not look at LangSmith project support-bot: .*LANGSMITH_API_KEY/,
    );
    expect(run.stdout).toContain(
      'Wrote slokit.yaml: LangSmith project support-bot, 4 starter SLOs to adjust.',
    );
    expect(run.stdout).toContain('Next: npx slokit discover');
    expect((await slokit(['validate'], dir, env)).code).toBe(0);
  });
});

describe('slokit init on MLflow', { timeout: 120_000 }, () => {
  let mlflow: MlflowEmulator;
  const token = 'mlflow-init-token-0123456789';
  beforeAll(async () => {
    mlflow = await startMlflowEmulator({ auth: { tokens: [token] } });
    const experimentId = mlflow.createExperiment('support-bot-evals');
    mlflow.addRun({
      experimentId,
      name: 'nightly-eval',
      startTime: Date.parse('2026-11-26T02:00:00Z'),
      endTime: Date.parse('2026-11-26T02:10:00Z'),
      metrics: { 'correctness/mean': 0.86, 'relevance_to_query/mean': 0.91, 'safety/mean': 1 },
      tags: { 'mlflow.run.isEval': 'true' },
    });
  });
  afterAll(() => mlflow.stop());

  it('writes evalMetric SLOs from the latest evaluation run', async () => {
    const dir = await freshDir();
    const env = { MLFLOW_TRACKING_URI: mlflow.url, MLFLOW_TRACKING_TOKEN: token };
    const run = await slokit(
      ['init', '--tracker', 'mlflow', '--experiment', 'support-bot-evals', '--days', '0'],
      dir,
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'Wrote slokit.yaml: MLflow experiment support-bot-evals (evaluation runs), 3 SLOs',
    );
    const config = await written(dir);
    expect(config.sources).toEqual({
      evals: { type: 'mlflow', experiment: 'support-bot-evals', runs: 'latest' },
    });
    expect(config.slos.map((slo) => slo.sli)).toEqual([
      { evalMetric: 'correctness/mean' },
      { evalMetric: 'relevance_to_query/mean' },
      { evalMetric: 'safety/mean' },
    ]);
    const check = await expectChecks(dir, env);
    expect(check.stdout).toMatch(/eval-correctness-mean\s+│ ≥ 80%\s+│ 86%/);
  });

  it('asks on a terminal for the experiment and whether to read runs or traces', async () => {
    const dir = await freshDir();
    const env = { MLFLOW_TRACKING_URI: mlflow.url, MLFLOW_TRACKING_TOKEN: token };
    const run = await slokit(['init', '--days', '0'], dir, env, ['mlflow', 'support-bot-evals', '']);
    expect(run.code).toBe(0);
    expect(run.questions).toEqual([
      'Tracker [1-4]: ',
      'MLflow experiment (name or id): ',
      'Read its evaluation runs or its traces [runs]: ',
    ]);
    expect((await written(dir)).sources).toEqual({
      evals: { type: 'mlflow', experiment: 'support-bot-evals', runs: 'latest' },
    });
  });

  it('needs --experiment without a terminal', async () => {
    const run = await slokit(['init', '--tracker', 'mlflow'], await freshDir());
    expect(run).toMatchObject({
      code: 2,
      stderr: 'slokit: --experiment: the MLflow experiment to read is required\n',
    });
  });
});

describe('slokit init on W&B Weave', { timeout: 120_000 }, () => {
  let weave: WeaveEmulator;
  const project = 'acme/support-bot';
  beforeAll(async () => {
    weave = await startWeaveEmulator({
      seed: { project, seed: 'init', count: 600, start: '2026-11-26T12:00:00Z', end: at },
    });
  });
  afterAll(() => weave.stop());

  it('writes SLOs from the calls of the given ops', async () => {
    const dir = await freshDir();
    const env = { WANDB_API_KEY: weave.apiKey, WF_TRACE_SERVER_URL: weave.url };
    const run = await slokit(
      [
        'init',
        '--tracker',
        'weave',
        '--project',
        project,
        '--ops',
        'answer_question',
        '--now',
        at,
        '--days',
        '1',
      ],
      dir,
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Wrote slokit.yaml: W&B Weave project ${project} (ops answer_question),`);
    const config = await written(dir);
    expect(config.sources).toEqual({ prod: { type: 'weave', project, ops: ['answer_question'] } });
    expect(config.slos.length).toBeGreaterThanOrEqual(3);
    expect(config.slos.length).toBeLessThanOrEqual(5);
    expect(config.slos.map((slo) => slo.name)).toEqual(
      expect.arrayContaining(['p95-latency', 'availability']),
    );
    await expectChecks(dir, env);
  });

  it('needs --project (entity/project) without a terminal', async () => {
    const run = await slokit(['init', '--tracker', 'weave', '--project', 'support-bot'], await freshDir());
    expect(run).toMatchObject({
      code: 2,
      stderr: 'slokit: --project: the Weave project (entity/project) is required\n',
    });
  });
});
