import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface SlokitRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `slokit` bin as a user would, without a TTY, with only PATH and the given variables set. */
export function runSlokit(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<SlokitRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A temporary project directory holding the given files (a config, data files). */
export async function writeProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slokit-hostile-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** A stack trace means slokit treated the input as its own bug. */
export function hasStackTrace(run: SlokitRun): boolean {
  return /\n\s+at /.test(run.stderr);
}
