import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A command as a new user types it: a clean environment but for PATH, HOME and npm's cache (reused offline). */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? cwd,
          ...(process.env.npm_config_cache ? { npm_config_cache: process.env.npm_config_cache } : {}),
          CI: 'true',
          TURBO_TELEMETRY_DISABLED: '1',
          DO_NOT_TRACK: '1',
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function git(args: string[], cwd = here): Promise<string> {
  const result = await run('git', args, cwd);
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

/** The environment apps/example's slokit.config.ts reads: made up, but enough to load and validate it. */
const exampleEnv = {
  LANGSMITH_API_KEY: 'lsv2_pt_0123456789abcdef0123456789abcdef_0123456789',
  MLFLOW_TRACKING_URI: 'https://mlflow.example.com',
  WANDB_API_KEY: '0123456789abcdef0123456789abcdef01234567',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
  PAGERDUTY_ROUTING_KEY: 'R0123456789ABCDEF0123456789ABCDE',
  SMTP_URL: 'smtp://user:password@smtp.example.com:587',
  ALERT_WEBHOOK_URL: 'https://ops.example.com/hooks/slokit',
  ALERT_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};

// The README's first hour on a fresh clone of the committed HEAD (uncommitted changes are not in it): `npm ci`
// links `slokit` before anything is built, `npm run build`, then `npx slokit` in the root and in every workspace.
// A full install (better-sqlite3 compiles) and build: several minutes on a loaded two-core machine.
describe('a fresh clone', () => {
  it(
    'runs npx slokit after npm ci && npm run build, at the root and in every workspace',
    async () => {
      const root = await git(['rev-parse', '--show-toplevel']);
      const head = await git(['rev-parse', 'HEAD']);
      const gitDir = await git(['rev-parse', '--path-format=absolute', '--git-common-dir']);
      const dir = await mkdtemp(join(tmpdir(), 'slokit-fresh-clone-'));
      dirs.push(dir);
      const clone = join(dir, 'slokit');
      await git(['clone', '--quiet', '--no-checkout', gitDir, clone], dir);
      await git(['checkout', '--quiet', '--detach', head], clone);
      expect(root).not.toBe(clone);

      const install = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone);
      expect(install.stderr).not.toMatch(/npm error/);
      expect(install.code).toBe(0);
      const beforeBuild = await run('npx', ['slokit', '--help'], clone);
      expect(beforeBuild).toMatchObject({
        code: 2,
        stderr: 'slokit: the slokit command is not built yet: run npm run build first\n',
      });

      const build = await run('npm', ['run', 'build'], clone);
      expect(build.code, build.stdout.slice(-4000) + build.stderr).toBe(0);
      const workspaces = [
        '.',
        ...(await readdir(join(clone, 'packages'))).map((name) => `packages/${name}`),
        ...(await readdir(join(clone, 'apps'), { withFileTypes: true }))
          .filter((entry) => entry.isDirectory())
          .map((entry) => `apps/${entry.name}`),
      ];
      expect(workspaces).toContain('apps/example');
      for (const workspace of workspaces) {
        const help = await run('npx', ['slokit', '--help'], join(clone, workspace));
        expect(help.stderr, workspace).toBe('');
        expect(help.stdout, workspace).toContain('Usage: slokit [options] [command]');
      }

      // The root README's first check, and apps/example/README.md's "in this directory: npx slokit validate".
      const quickstart = await run(
        'npx',
        ['slokit', 'check', '--config', 'examples/quickstart/slokit.yaml', '--at', '2026-11-26T14:00:00Z'],
        clone,
      );
      expect(quickstart.code).toBe(1);
      expect(quickstart.stdout).toContain('Overall SLO compliance: 38% (3 of 8)');
      const validate = await run('npx', ['slokit', 'validate'], join(clone, 'apps/example'), exampleEnv);
      expect(validate.stderr).toBe('');
      expect(validate.stdout).toContain('slokit.config.ts is valid: 3 source(s), 9 SLO(s)');
    },
    40 * 60_000,
  );
});
