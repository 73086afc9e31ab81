import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GitHubEmulator, startGitHubEmulator } from '@slokit/testkit/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const actionFile = fileURLToPath(new URL('../../../../action.yml', import.meta.url));
// The checkout the action runs in: this package, inside the repository whose node_modules has slokit.
const workspace = fileURLToPath(new URL('../../', import.meta.url));
const repository = 'acme/support-bot';

interface CompositeAction {
  inputs: Record<string, { default?: string }>;
  runs: {
    using: string;
    steps: Array<{ shell: string; 'working-directory': string; env: Record<string, string>; run: string }>;
  };
}

let action: CompositeAction;
let github: GitHubEmulator;
let dir: string;

beforeAll(async () => {
  action = parse(await readFile(actionFile, 'utf8')) as CompositeAction;
  github = await startGitHubEmulator();
  github.addPullRequest(repository, 12);
  dir = await mkdtemp(join(tmpdir(), 'slokit-action-'));
  await writeFile(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 12 } }));
  await writeFile(join(dir, 'summary.md'), '');
  // An eval run's results with accuracy far below its critical level: the gate fails.
  await writeFile(join(dir, 'results.json'), JSON.stringify({ metrics: { accuracy: 0.7 } }));
  await writeFile(
    join(dir, 'slokit.yaml'),
    'sources:\n  evals: { type: file, path: ./results.json }\nslos:\n  accuracy: { target: 0.9, critical: 0.8 }\n',
  );
});

afterAll(async () => {
  await github.stop();
  await rm(dir, { recursive: true, force: true });
});

/** `${{ inputs.x }}` and `${{ github.token }}`, as the runner evaluates them for this action. */
function evaluate(expression: string, inputs: Record<string, string>): string {
  return expression.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    if (name === 'github.token') return github.token;
    const input = name.replace(/^inputs\./, '');
    return inputs[input] ?? evaluate(action.inputs[input]?.default ?? '', inputs);
  });
}

/** Runs the action's step as the runner does: `bash --noprofile --norc -eo pipefail`, its env, its directory. */
function runAction(
  inputs: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [step] = action.runs.steps;
  const env = Object.fromEntries(
    Object.entries(step!.env).map(([key, value]) => [key, evaluate(value, inputs)]),
  );
  return new Promise((done) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step!.run],
      {
        cwd: resolve(workspace, evaluate(step!['working-directory'], inputs)),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? dir,
          GITHUB_ACTIONS: 'true',
          GITHUB_API_URL: github.url,
          GITHUB_REPOSITORY: repository,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: join(dir, 'event.json'),
          GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
          GITHUB_WORKSPACE: workspace,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual([
      'config',
      'working-directory',
      'fail-on',
      'comment',
      'github-token',
    ]);
    expect(action.runs.steps[0]!.run).toMatch(/npx --no-install slokit "\$\{args\[@\]\}"/);
  });

  it('gates on fail-on, puts the dashboard in the job summary and keeps one comment up to date', async () => {
    const failing = await runAction({
      'working-directory': 'fixtures',
      config: join(dir, 'slokit.yaml'),
      comment: 'true',
    });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/accuracy\s+│ ≥ 90%\s+│ 70%\s+│ .*🔴 critical/);
    expect(failing.stderr).toMatch(/^Commented on pull request #12: /);
    expect(github.comments(repository, 12)).toHaveLength(1);

    const passing = await runAction({
      'working-directory': 'fixtures',
      config: join(dir, 'slokit.yaml'),
      comment: 'true',
      'fail-on': 'never',
    });
    expect(passing.code).toBe(0);
    expect(passing.stderr).toMatch(/^Updated slokit's comment on pull request #12: /);
    expect(github.comments(repository, 12)).toHaveLength(1);
    expect(github.comments(repository, 12)[0]!.body).toContain('| **accuracy** | ≥ 90% | 70% |');
    expect((await readFile(join(dir, 'summary.md'), 'utf8')).match(/### SLO report/g)).toHaveLength(2);

    // comment defaults to false: the summary only.
    github.clear();
    const summaryOnly = await runAction({
      'working-directory': 'fixtures',
      config: join(dir, 'slokit.yaml'),
    });
    expect(summaryOnly.code).toBe(1);
    expect(github.requests).toEqual([]);
    expect(github.problems()).toEqual([]);
    for (const run of [failing, passing, summaryOnly])
      expect(run.stdout + run.stderr).not.toContain(github.token);
  }, 120_000);

  it('says what to do where slokit is not installed', async () => {
    const run = await runAction({ 'working-directory': dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      `::error::slokit cannot run in ${dir}: npm i -D slokit, and run npm ci before this step`,
    );
  }, 180_000);
});
