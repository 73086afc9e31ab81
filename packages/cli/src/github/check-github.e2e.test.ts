import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GitHubEmulator, startGitHubEmulator } from '@slokit/testkit/github';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const repository = 'acme/support-bot';
const at = '2026-11-26T14:00:00Z';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let github: GitHubEmulator;
let dir: string;
let summary: string;
let pullRequestEvent: string;

beforeAll(async () => {
  github = await startGitHubEmulator({ now: () => Date.parse(at) });
  dir = await mkdtemp(join(tmpdir(), 'slokit-github-'));
  summary = join(dir, 'step-summary.md');
  pullRequestEvent = join(dir, 'pull-request.json');
  await writeFile(pullRequestEvent, JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }));
  await writeFile(join(dir, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
});

afterAll(async () => {
  await github.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  github.clear();
  github.setReadOnly(false);
  await github.fault(null);
  await writeFile(summary, '');
});

/** The built `slokit` bin in a GitHub Actions job: the runner's variables, pointed at the stand-in. */
function slokitInJob(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: fixtures,
        env: {
          PATH: process.env.PATH ?? '',
          GITHUB_ACTIONS: 'true',
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: repository,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: pullRequestEvent,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_RUN_ID: '4242',
          GITHUB_WORKSPACE: fixtures,
          GITHUB_TOKEN: github.token,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const requestLine = (request: { method: string; path: string }) =>
  `${request.method} ${request.path.replace(/\/comments\/\d+$/, '/comments/ID')}`;

function expectNoToken(...texts: string[]) {
  for (const text of texts) expect(text).not.toContain(github.token);
}

describe('slokit check --github', () => {
  it('creates one marked comment on the pull request, then updates that same comment', async () => {
    github.addPullRequest(repository, 7);
    // A busy pull request: slokit's comment has to be found past the first page of 100.
    for (let index = 0; index < 120; index++) github.addComment(repository, 7, `review comment ${index}`);

    const first = await slokitInJob([
      'check',
      '--config',
      'basic/slokit.yaml',
      '--at',
      at,
      '--github',
      '--comment',
    ]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('SLO Dashboard - window ending 2026-11-26 14:00 UTC');
    const comments = github.comments(repository, 7);
    expect(comments).toHaveLength(121);
    const ours = comments[120]!;
    expect(first.stderr).toBe(`Commented on pull request #7: ${ours.html_url}\n`);
    expect(ours.body).toMatch(
      /^<!-- slokit-check config="basic\/slokit\.yaml" -->\n### SLO report — window ending/,
    );
    expect(ours.body).toContain('| **availability** | ≥ 99.5% | 90.5% |');
    expect(ours.body).toContain('[run](https://github.com/acme/support-bot/actions/runs/4242)');
    expect(github.requests.map(requestLine)).toEqual([
      `GET /repos/${repository}/issues/7/comments?per_page=100`,
      `GET /repos/${repository}/issues/7/comments?per_page=100&page=2`,
      `POST /repos/${repository}/issues/7/comments`,
    ]);

    github.clear();
    const second = await slokitInJob([
      'check',
      '--config',
      'basic/slokit.yaml',
      '--at',
      '2026-11-26T13:00:00Z',
      '--github',
      '--comment',
    ]);
    expect(second.stderr).toBe(`Updated slokit's comment on pull request #7: ${ours.html_url}\n`);
    expect(github.comments(repository, 7)).toHaveLength(121);
    expect(github.comments(repository, 7)[120]!.body).toContain('window ending 2026-11-26 13:00 UTC');
    expect(github.requests.map(requestLine)).toEqual([
      `GET /repos/${repository}/issues/7/comments?per_page=100`,
      `GET /repos/${repository}/issues/7/comments?per_page=100&page=2`,
      `PATCH /repos/${repository}/issues/comments/ID`,
    ]);
    expect(github.requests[2]!.path).toBe(`/repos/${repository}/issues/comments/${ours.id}`);

    // Another config in the same pull request gets a comment of its own.
    await slokitInJob(['check', '--config', 'csv/slokit.json', '--at', at, '--github', '--comment']);
    expect(github.comments(repository, 7)).toHaveLength(122);
    expect(github.comments(repository, 7)[121]!.body).toMatch(
      /^<!-- slokit-check config="csv\/slokit\.json" -->/,
    );

    // Both runs appended the dashboard to the job summary.
    const written = await readFile(summary, 'utf8');
    expect(written.match(/### SLO report — window ending/g)).toHaveLength(3);
    expect(github.problems()).toEqual([]);
    expectNoToken(
      first.stdout,
      first.stderr,
      second.stdout,
      second.stderr,
      written,
      JSON.stringify(github.comments(repository, 7)),
    );
  }, 120_000);

  it('degrades to the job summary with a notice when the token is read-only (a fork)', async () => {
    github.addPullRequest(repository, 8);
    github.setReadOnly(true);
    const event = join(dir, 'fork.json');
    await writeFile(event, JSON.stringify({ pull_request: { number: 8 } }));
    const run = await slokitInJob(['check', '-c', 'csv/slokit.json', '--at', at, '--github', '--comment'], {
      GITHUB_EVENT_PATH: event,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `::notice::slokit: GitHub refused the pull request comment (POST /repos/${repository}/issues/8/comments: ` +
        '403 Resource not accessible by integration); a pull request from a fork gets a read-only token. ' +
        'The dashboard is in the job summary only.\n',
    );
    expect(github.comments(repository, 8)).toEqual([]);
    expect(await readFile(summary, 'utf8')).toContain('### SLO report — window ending 2026-11-26 14:00 UTC');
  });

  it('writes only the job summary outside a pull request, or without --comment', async () => {
    const push = await slokitInJob(['check', '-c', 'csv/slokit.json', '--at', at, '--github', '--comment'], {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: join(dir, 'push.json'),
    });
    expect(push.code).toBe(0);
    expect(push.stderr).toBe(
      '::notice::slokit: not a pull request (event push): no comment; the dashboard is in the job summary\n',
    );
    const summaryOnly = await slokitInJob(['check', '-c', 'csv/slokit.json', '--at', at, '--github']);
    expect(summaryOnly.code).toBe(0);
    expect(summaryOnly.stderr).toBe('');
    expect(github.requests).toEqual([]);
    expect((await readFile(summary, 'utf8')).match(/### SLO report/g)).toHaveLength(2);
  });

  it('exits 3 when GitHub fails otherwise, and 2 without a token', async () => {
    github.addPullRequest(repository, 9);
    const event = join(dir, 'pull-request-9.json');
    await writeFile(event, JSON.stringify({ pull_request: { number: 9 } }));
    await github.fault({ kind: 'status', status: 502 });
    const failed = await slokitInJob(
      ['check', '-c', 'csv/slokit.json', '--at', at, '--github', '--comment'],
      {
        GITHUB_EVENT_PATH: event,
      },
    );
    expect(failed.code).toBe(3);
    expect(failed.stderr).toBe(
      `slokit: commenting on pull request #9 failed: GET /repos/${repository}/issues/9/comments: 502 injected 502\n`,
    );
    expectNoToken(failed.stderr);
    await github.fault(null);

    const noToken = await slokitInJob(['check', '-c', 'csv/slokit.json', '--github', '--comment'], {
      GITHUB_TOKEN: '',
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toBe(
      'slokit: --comment: set GITHUB_TOKEN (the action passes its github-token input)\n',
    );
    const withoutGithub = await slokitInJob(['check', '-c', 'csv/slokit.json', '--comment']);
    expect(withoutGithub.code).toBe(2);
    expect(withoutGithub.stderr).toBe('slokit: --comment: only with --github\n');
  });
});
