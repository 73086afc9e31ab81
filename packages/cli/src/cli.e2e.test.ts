import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const at = '2026-11-26T14:00:00Z';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `slokit` bin as a user would, without a TTY. */
function slokit(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd ?? fixtures, env: { PATH: process.env.PATH ?? '', ...options.env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function expectNoStackTrace(run: Run) {
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('slokit check', () => {
  it('prints the dashboard and exits 1 when an SLO is critical', async () => {
    const run = await slokit(['check', '--config', 'basic/slokit.yaml', '--at', at]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('SLO Dashboard - window ending 2026-11-26 14:00 UTC');
    expect(run.stdout).toMatch(/accuracy\s+│ ≥ 90%\s+│ 89\.5%\s+│ 19\s+│ 1h\s+│\s+│ ⚠️ at risk/);
    expect(run.stdout).toMatch(/p95-latency\s+│ ≤ 2s\s+│ 1\.91s\s+│ 19\s+│ 1h\s+│\s+│ ✅ ok/);
    expect(run.stdout).toMatch(
      /availability\s+│ ≥ 99\.5%\s+│ 90\.5%\s+│ 21\s+│ 30d\s+│ -1,805%\s+│ 🔴 critical/,
    );
    expect(run.stdout).toMatch(/└ gpt-4o-mini\s+│\s+│ 70%\s+│ 10 .*🟠 warning/);
    expect(run.stdout).toMatch(/cost-per-query\s+│ ≤ \$0\.05\s+│ \$0\.06\s+│ 20 .*⚠️ at risk/);
    expect(run.stdout).toContain('Overall SLO compliance: 20% (1 of 5)');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('gates on --fail-on', async () => {
    const base = ['check', '-c', 'basic/slokit.yaml', '--at', at];
    expect((await slokit([...base, '--fail-on', 'never'])).code).toBe(0);
    expect((await slokit([...base, '--fail-on', 'warning'])).code).toBe(1);
    const healthy = ['check', '-c', 'csv/slokit.json', '--at', at];
    expect((await slokit([...healthy, '--fail-on', 'critical'])).code).toBe(0);
    expect((await slokit([...healthy, '--fail-on', 'warning'])).code).toBe(1);
    const bad = await slokit([...base, '--fail-on', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "argument 'sometimes' is invalid. Allowed choices are warning, critical, never",
    );
  });

  it('prints the documented JSON report', async () => {
    const run = await slokit(['check', '-c', 'basic/slokit.yaml', '--at', at, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ at: '2026-11-26T14:00:00.000Z', compliance: 0.2 });
    const availability = report.slos.find((slo: { name: string }) => slo.name === 'availability');
    expect(availability).toMatchObject({
      status: 'critical',
      value: 19 / 21,
      samples: 21,
      op: 'gte',
      target: 0.995,
      warning: null,
      critical: null,
      window: '30d',
      segments: null,
      errorBudget: { consumed: 2 },
    });
    expect(availability.errorBudget.allowed).toBeCloseTo(0.105, 9);
    expect(availability.interval).toMatchObject({ method: 'wilson', confidence: 0.95 });
    const helpfulness = report.slos.find((slo: { name: string }) => slo.name === 'helpfulness');
    expect(
      helpfulness.segments.map((segment: { key: string; status: string }) => [segment.key, segment.status]),
    ).toEqual([
      ['gpt-4o', 'ok'],
      ['gpt-4o-mini', 'warning'],
    ]);
  });

  it('reads CSV and writes Markdown to --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slokit-cli-'));
    const out = join(dir, 'summary.md');
    const run = await slokit([
      'check',
      '-c',
      'csv/slokit.json',
      '--at',
      at,
      '--format',
      'markdown',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Report written to ${out}\n`);
    const markdown = await readFile(out, 'utf8');
    expect(markdown).toContain('| **availability** | ≥ 70% | 75% | 4 | 1h | 16.7% | ✅ ok |');
    expect(markdown).toContain('| ↳ gpt-4o-mini |  | 50% | 2 |  | -25% | 🟠 warning |');
  });

  it('skips invalid records and says so, or fails with --strict', async () => {
    const lenient = await slokit(['check', '-c', 'bad/bad-records.yaml']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/mean-latency\s+│ ≤ 1s\s+│ 200ms\s+│ 2 /);
    expect(lenient.stdout).toContain("Skipped 3 invalid record(s) from source 'prod'");
    expect(lenient.stdout).toContain(
      'bad-records.jsonl:2: latency_ms: expected a duration in milliseconds, found "fast"',
    );
    expect(lenient.stdout).toContain('bad-records.jsonl:4: timestamp: expected an ISO 8601 time');
    expect(lenient.stdout).toContain(
      'bad-records.jsonl:5: latency_ms: expected a duration in milliseconds >= 0, found -20',
    );

    const strict = await slokit(['check', '-c', 'bad/bad-records.yaml', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(
      /^slokit: .*bad-records\.jsonl:2: latency_ms: expected a duration in milliseconds, found "fast"\n$/,
    );
    expectNoStackTrace(strict);
  });

  it('exits 2 on a bad config, naming the file and every bad path', async () => {
    const run = await slokit(['check', '-c', 'bad/out-of-order.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'slokit: bad/out-of-order.yaml: slos[0].objective.warning: expected <= target 0.9 for op gte (target >= warning >= critical), found 0.95',
    );
    expect(run.stderr).toContain(
      'bad/out-of-order.yaml: slos[1].objective.critical: expected >= warning 3000 for op lte (target <= warning <= critical), found 2500',
    );
    expectNoStackTrace(run);
  });

  it('exits 2 when a data file or an environment variable is missing', async () => {
    const missing = await slokit(['check', '-c', 'bad/missing-data.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^slokit: bad\/missing-data\.yaml: sources\.prod\.path: file not found: .*does-not-exist\.jsonl\n$/,
    );
    const env = await slokit(['check', '-c', 'bad/needs-env.yaml']);
    expect(env.code).toBe(2);
    expect(env.stderr).toBe(
      'slokit: bad/needs-env.yaml: sources.prod.path: environment variable SLOKIT_TEST_DATA_DIR is not set\n',
    );
    const withEnv = await slokit(['check', '-c', 'bad/needs-env.yaml', '--fail-on', 'never'], {
      env: { SLOKIT_TEST_DATA_DIR: join(fixtures, 'basic') },
    });
    expect(withEnv.code).toBe(0);
  });

  it('exits 3 when a source cannot be read, still reporting its SLOs as no_data', async () => {
    const run = await slokit(['check', '-c', 'bad/directory-source.yaml']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^slokit: source 'prod': cannot read .*EISDIR.*; its SLOs are reported as no_data\n$/,
    );
    expect(run.stdout).toMatch(/latency\s+│ ≤ 2s\s+│ —\s+│ 0 .*no data/);
    expectNoStackTrace(run);
  });

  it('refuses to publish to a source without a tracker', async () => {
    const run = await slokit(['check', '-c', 'basic/slokit.yaml', '--publish', 'prod']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'slokit: basic/slokit.yaml: sources.prod.type: a file source has no tracker to publish to\n',
    );
    const none = await slokit(['check', '-c', 'basic/slokit.yaml', '--publish', 'langsmith']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("slokit: --publish: no configured source matches 'langsmith' (sources: prod)\n");
  });

  it('exits 2 on usage mistakes', async () => {
    const badAt = await slokit(['check', '-c', 'basic/slokit.yaml', '--at', 'yesterday']);
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toBe(
      'slokit: --at: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found "yesterday"\n',
    );
    expect((await slokit(['check', '--nope'])).code).toBe(2);
    expect((await slokit(['explode'])).code).toBe(2);
    const help = await slokit(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('check [options]');
  });
});

describe('slokit check on an eval results file', () => {
  it('checks the shorthand against {"metrics": ...} given as the source path', async () => {
    const run = await slokit(['check', '-c', 'results/slokit.yaml', '--at', at]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/accuracy\s+│ ≥ 90%\s+│ 87%\s+│ .*⚠️ at risk/);
    expect(run.stdout).toMatch(/toxicity\s+│ < 1%\s+│ 0\.4%\s+│ .*✅ ok/);
    expect(run.stdout).toContain('Overall SLO compliance: 50% (1 of 2)');
  });
});

describe('slokit discover', () => {
  it('lists scores and metadata keys with a suggested config', async () => {
    const run = await slokit(['discover', '-c', 'basic/slokit.yaml', '--now', at, '--days', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Source 'prod' (file), last 1 day(s): 20 records");
    expect(run.stdout).toContain('scores.accuracy  boolean, on 20 records');
    expect(run.stdout).toContain('scores.helpfulness  number 0.7..0.9, on 20 records');
    expect(run.stdout).toContain('metadata.model  string, 2 distinct e.g. gpt-4o, gpt-4o-mini');
    expect(run.stdout).toContain(
      'objective: { op: lte, target: 3000 }, window: 1h, groupBy: metadata.model }',
    );
    const all = JSON.parse(
      (await slokit(['discover', '-c', 'basic/slokit.yaml', '--days', '0', '--json'])).stdout,
    );
    expect(all).toMatchObject({ source: 'prod', type: 'file', records: 21, errors: 2 });
  });
});

describe('slokit validate', () => {
  it('prints what it understood, including inferred ops', async () => {
    const run = await slokit(['validate', '-c', 'basic/slokit.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('basic/slokit.yaml is valid: 1 source(s), 5 SLO(s)');
    expect(run.stdout).toContain('measures  p95 of latency_ms');
    expect(run.stdout).toContain('objective ≤ 2s (warning above 3s, critical above 5s)');
    expect(run.stdout).toContain('op gte inferred: thresholds below the target mean higher is better');
    const json = JSON.parse((await slokit(['validate', '-c', 'basic/slokit.yaml', '--json'])).stdout);
    expect(json.slos[3]).toMatchObject({
      name: 'helpfulness',
      objective: { op: 'gte' },
      groupBy: 'metadata.model',
    });
  });

  it('exits 2 on a bad config', async () => {
    const run = await slokit(['validate', '-c', 'bad/out-of-order.yaml']);
    expect(run.code).toBe(2);
    expectNoStackTrace(run);
  });
});

describe('slokit init', () => {
  it('writes a starter config that validates, and never overwrites without --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slokit-init-'));
    const first = await slokit(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    const written = await readFile(join(dir, 'slokit.yaml'), 'utf8');
    expect(written).toContain('name: p95-latency');
    await writeFile(join(dir, 'slokit.yaml'), 'mine');
    const second = await slokit(['init'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toBe('slokit: slokit.yaml already exists; pass --force to overwrite it\n');
    expect(await readFile(join(dir, 'slokit.yaml'), 'utf8')).toBe('mine');
    expect((await slokit(['init', '--force'], { cwd: dir })).code).toBe(0);
    // The starter config is valid once its data file exists.
    await writeFile(join(dir, 'data.jsonl'), '');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'records.jsonl'), '{"latency_ms": 10}\n');
    const validate = await slokit(['validate'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('slokit.yaml is valid: 1 source(s), 4 SLO(s)');
  });
});
