import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = createRequire(import.meta.url)
  .resolve('slokit/package.json')
  .replace(/package\.json$/, 'dist/bin.js');
const quickstart = fileURLToPath(new URL('../../../examples/quickstart/slokit.yaml', import.meta.url));
const at = '2026-11-26T14:00:00Z';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `slokit` bin as a user would: no TTY, only the environment given. */
function slokit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The quickstart's SLOs on LangSmith: production traffic from a project, the eval metric from a dataset's latest experiment. */
const slos = [
  {
    name: 'accuracy',
    sli: { metric: 'scores.accuracy', aggregate: 'mean' },
    objective: { op: 'gte', target: 0.9, warning: 0.85, critical: 0.75 },
    window: '1h',
  },
  {
    name: 'helpfulness',
    sli: { metric: 'scores.helpfulness', aggregate: 'mean' },
    objective: { target: 0.8, warning: 0.75, critical: 0.7 },
    window: '1h',
    groupBy: 'metadata.model',
  },
  {
    name: 'p95-latency',
    sli: { metric: 'latency_ms', aggregate: 'p95' },
    objective: { op: 'lte', target: 2000, warning: 3000, critical: 5000 },
    window: '1h',
  },
  {
    name: 'availability',
    sli: { ratio: { good: { field: 'status', equals: 'success' } } },
    objective: { op: 'gte', target: 0.995 },
    window: '30d',
  },
  {
    name: 'success-rate-1h',
    sli: { ratio: { good: { field: 'status', equals: 'success' } } },
    objective: { op: 'gte', target: 0.99, warning: 0.985, critical: 0.98 },
    window: '1h',
  },
  {
    name: 'fast-answers',
    sli: { ratio: { good: { field: 'latency_ms', lte: 3000 } } },
    objective: { op: 'gte', target: 0.95, warning: 0.9 },
  },
  {
    name: 'cost-per-query',
    sli: { metric: 'cost_usd', aggregate: 'mean' },
    objective: { op: 'lte', target: 0.05, critical: 0.08 },
    window: '1h',
  },
].map((slo) => ({ ...slo, source: 'prod' }));

let emulator: LangSmithEmulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startLangSmithEmulator();
  env = { LANGSMITH_API_KEY: emulator.apiKey, LANGSMITH_ENDPOINT: emulator.url };
  dir = await mkdtemp(join(tmpdir(), 'slokit-langsmith-'));
  await writeFile(
    join(dir, 'slokit.json'),
    JSON.stringify({
      sources: {
        prod: { type: 'langsmith', project: 'support-bot' },
        eval: { type: 'langsmith', dataset: 'support-bot-eval' },
      },
      slos: [
        ...slos,
        {
          name: 'eval-faithfulness',
          source: 'eval',
          sli: { evalMetric: 'feedback.faithfulness.avg' },
          objective: { target: 0.85, warning: 0.8 },
        },
      ],
    }),
  );
  await writeFile(
    join(dir, 'mixed.json'),
    JSON.stringify({
      sources: {
        prod: { type: 'langsmith', project: 'support-bot' },
        local: {
          type: 'file',
          path: fileURLToPath(new URL('../../../examples/quickstart/data/records.jsonl', import.meta.url)),
        },
      },
      slos: [slos[2], { ...slos[2], name: 'local-p95-latency', source: 'local' }],
    }),
  );
});
afterAll(async () => {
  await emulator.stop();
});

describe('slokit check on a LangSmith source', () => {
  it('gives the same verdicts as the quickstart’s file of the same traffic', async () => {
    const fromLangSmith = await slokit(
      ['check', '--config', 'slokit.json', '--at', at, '--format', 'json'],
      env,
    );
    const fromFile = await slokit(['check', '--config', quickstart, '--at', at, '--format', 'json']);
    expect(fromLangSmith.stderr).toBe('');
    expect(fromLangSmith.code).toBe(1);
    const langsmith = JSON.parse(fromLangSmith.stdout);
    const file = JSON.parse(fromFile.stdout);
    for (const slo of slos) {
      const mine = langsmith.slos.find((entry: { name: string }) => entry.name === slo.name);
      const theirs = file.slos.find((entry: { name: string }) => entry.name === slo.name);
      expect(mine.status, slo.name).toBe(theirs.status);
      expect(mine.samples, slo.name).toBe(theirs.samples);
      expect(mine.value, slo.name).toBeCloseTo(theirs.value, 9);
      for (const [index, segment] of (theirs.segments ?? []).entries()) {
        expect(mine.segments[index]).toMatchObject({
          key: segment.key,
          status: segment.status,
          samples: segment.samples,
        });
      }
    }
    const faithfulness = langsmith.slos.find((entry: { name: string }) => entry.name === 'eval-faithfulness');
    expect(faithfulness).toMatchObject({ status: 'ok', samples: 200 });
    expect(faithfulness.notes).toEqual([
      "from eval 'support-bot-eval-2026-11-26' at 2026-11-26T13:30:00.000Z",
    ]);
    expect(langsmith.sources).toEqual([
      { name: 'prod', type: 'langsmith', records: 5631, skipped: 0, duplicates: 0, issues: [], error: null },
      { name: 'eval', type: 'langsmith', records: 0, skipped: 0, duplicates: 0, issues: [], error: null },
    ]);
  });

  it('publishes the results back to LangSmith with --publish', async () => {
    const run = await slokit(
      ['check', '--config', 'slokit.json', '--at', at, '--format', 'json', '--publish', 'langsmith'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Published 7 SLO result(s) to LangSmith project support-bot\nPublished 1 SLO result(s) to LangSmith experiment support-bot-eval-2026-11-26\n',
    );
    const project = emulator.project('support-bot')!;
    const published = emulator
      .feedback()
      .filter((feedback) => feedback.session_id === project.id && feedback.key.startsWith('slo.'));
    expect(published.map((feedback) => feedback.key).sort()).toEqual(
      slos.map((slo) => `slo.${slo.name}`).sort(),
    );
    expect(published.find((feedback) => feedback.key === 'slo.success-rate-1h')).toMatchObject({
      value: 'critical',
    });
    // Published again for the same check: updated, not duplicated.
    await slokit(['check', '--config', 'slokit.json', '--at', at, '--publish', 'prod'], env);
    expect(
      emulator
        .feedback()
        .filter((feedback) => feedback.session_id === project.id && feedback.key.startsWith('slo.')),
    ).toHaveLength(7);
    expect(emulator.dump()).not.toContain(emulator.apiKey);
  });

  it('lists feedback keys, metadata keys and run counts with discover', async () => {
    const run = await slokit(
      ['discover', '--config', 'slokit.json', '--source', 'prod', '--now', at, '--days', '1'],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Source 'prod' (langsmith), last 1 day(s): 5,631 records");
    expect(run.stdout).toMatch(/scores\.accuracy\s+number 0\.\.1, on 5,050 records/);
    expect(run.stdout).toContain(
      'metadata.model  string, 3 distinct e.g. gpt-4o, gpt-4o-mini, claude-sonnet-4',
    );
    expect(run.stdout).toContain(
      '- { name: p95-latency, source: prod, sli: { metric: latency_ms, aggregate: p95 }',
    );
    const offline = await slokit(
      ['discover', '--config', 'slokit.json', '--source', 'eval', '--days', '0', '--json'],
      env,
    );
    expect(JSON.parse(offline.stdout)).toMatchObject({
      records: 200,
      evalMetrics: expect.arrayContaining(['feedback.faithfulness.avg', 'latency_p50', 'run_count']),
    });
  });

  it('exits 3 when LangSmith refuses the key, while a file source still evaluates', async () => {
    const run = await slokit(['check', '--config', 'mixed.json', '--at', at, '--format', 'json'], {
      ...env,
      LANGSMITH_API_KEY: 'lsv2_pt_revoked_0000000000000000',
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `slokit: source 'prod': LangSmith rejected the API key LANGSMITH_API_KEY=…0000 at GET ${emulator.url}/sessions: 401 Invalid token.`,
    );
    expect(run.stderr).not.toContain('lsv2_pt_revoked');
    const report = JSON.parse(run.stdout);
    expect(report.slos[0]).toMatchObject({ name: 'p95-latency', status: 'no_data' });
    expect(report.slos[1]).toMatchObject({ name: 'local-p95-latency', status: 'at_risk', samples: 349 });
  });

  it('exits 2 naming the variables when no key is set', async () => {
    const run = await slokit(['check', '--config', 'slokit.json', '--at', at], {
      LANGSMITH_ENDPOINT: emulator.url,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "slokit: slokit.json: sources.prod: environment variable LANGSMITH_API_KEY or LANGCHAIN_API_KEY is not set (the LangSmith API key for source 'prod')\n",
    );
  });
});

describe('slokit sync on a LangSmith source', () => {
  it('pulls incrementally and publishes each cycle back to LangSmith, once per cycle', async () => {
    await writeFile(
      join(dir, 'sync.json'),
      JSON.stringify({
        sources: { prod: { type: 'langsmith', project: 'support-bot' } },
        slos,
        publish: ['prod'],
      }),
    );
    const first = await slokit(
      ['sync', '--config', 'sync.json', '--now', '2026-11-26T13:30:00Z', '--json'],
      env,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const firstResult = JSON.parse(first.stdout);
    expect(firstResult.sources[0].counted).toBeGreaterThan(1000);
    expect(firstResult.published).toEqual([
      expect.objectContaining({ source: 'prod', published: slos.length, error: null }),
    ]);
    const second = JSON.parse(
      (await slokit(['sync', '--config', 'sync.json', '--now', '2026-11-26T14:00:00Z', '--json'], env))
        .stdout,
    );
    // Only the last half hour is new; the overlap is recognized.
    expect(second.sources[0].counted).toBeLessThan(firstResult.sources[0].counted / 10);
    expect(second.sources[0].duplicates).toBeGreaterThan(0);
    const project = emulator.project('support-bot')!;
    const cycles = new Set(
      emulator
        .feedback()
        .filter((feedback) => feedback.session_id === project.id && feedback.key === 'slo.availability')
        .map((feedback) => feedback.comment),
    );
    expect(cycles.size).toBeGreaterThanOrEqual(2);
    expect(emulator.dump()).not.toContain(emulator.apiKey);
  }, 180_000);
});
