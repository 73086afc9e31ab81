import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Debian's promtool, as `.ci/run` installs it with the `prometheus` package. */
export const promtoolPath = '/usr/bin/promtool';

export interface PromtoolRun {
  code: number;
  output: string;
}

function promtool(args: string[], cwd: string): Promise<PromtoolRun> {
  return new Promise((resolve) => {
    execFile(promtoolPath, args, { cwd, timeout: 240_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, output: `${stdout}${stderr}` });
    });
  });
}

/** `promtool check rules` on a rules file's text. */
export async function checkRules(rulesYaml: string): Promise<PromtoolRun> {
  const folder = await mkdtemp(join(tmpdir(), 'slokit-promtool-'));
  try {
    await writeFile(join(folder, 'rules.yaml'), rulesYaml);
    return await promtool(['check', 'rules', 'rules.yaml'], folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** `promtool test rules` with a unit-test file (its `rule_files` set to the rules given). */
export async function testRules(rulesYaml: string, unitTest: Record<string, unknown>): Promise<PromtoolRun> {
  const folder = await mkdtemp(join(tmpdir(), 'slokit-promtool-'));
  try {
    await writeFile(join(folder, 'rules.yaml'), rulesYaml);
    await writeFile(join(folder, 'test.yaml'), stringify({ rule_files: ['rules.yaml'], ...unitTest }));
    return await promtool(['test', 'rules', 'test.yaml'], folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
