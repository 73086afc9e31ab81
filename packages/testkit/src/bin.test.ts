import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [binPath, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  if (!existsSync(binPath)) throw new Error(`${binPath} is missing: build the package first (npm run build)`);
  dir = await mkdtemp(join(tmpdir(), 'testkit-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('slokit-testkit generate', () => {
  it('writes exactly --records JSONL records and prints a one-line summary', async () => {
    const out = join(dir, 'records.jsonl');
    const result = await runCli(['generate', '--records', '250', '--seed', 'cli', '--out', out]);
    expect(result.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(250);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 'run-0000001', status: expect.any(String) });
    expect(result.stderr).toMatch(/^slokit-testkit: wrote 250 records \(\d+ bytes\) to .+ in \d+\.\d\d s\n$/);
  });

  it('writes a time range at a rate as CSV, chosen by the file extension', async () => {
    const out = join(dir, 'records.csv');
    const result = await runCli([
      'generate',
      '--start',
      '2026-11-26T00:00:00Z',
      '--end',
      '2026-11-26T02:00:00Z',
      '--rate',
      '3',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,timestamp,latency_ms,status,/);
    // 3 per minute for two hours around the daily low is a few hundred records.
    expect(lines.length).toBeGreaterThan(150);
    expect(lines.length).toBeLessThan(400);
  });

  it('gives the same file for the same arguments', async () => {
    const [first, second] = [join(dir, 'same-1.jsonl'), join(dir, 'same-2.jsonl')];
    await runCli(['generate', '--records', '100', '--seed', 's', '--out', first]);
    await runCli(['generate', '--records', '100', '--seed', 's', '--out', second]);
    expect(await readFile(first, 'utf8')).toBe(await readFile(second, 'utf8'));
  });

  it.each([
    [[]],
    [['make', '--records', '1', '--out', 'x']],
    [['generate', '--records', '10']],
    [['generate', '--out', 'x.jsonl']],
    [['generate', '--start', '2026-11-26T00:00:00Z', '--out', 'x.jsonl']],
    [['generate', '--records', 'ten', '--out', 'x.jsonl']],
    [['generate', '--records', '10', '--rate', '5', '--out', 'x.jsonl']],
    [['generate', '--start', '2026-11-26T10:00', '--end', '2026-11-27', '--out', 'x.jsonl']],
    [['generate', '--start', '2026-11-27', '--end', '2026-11-26', '--out', 'x.jsonl']],
    [['generate', '--records', '10', '--format', 'xml', '--out', 'x.jsonl']],
    [['generate', '--records', '10', '--bogus', '--out', 'x.jsonl']],
    [['generate', '--records', '10', '--out']],
  ])('exits 2 with a one-line usage error for %j', async (args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^slokit-testkit: [^\n]+\(see slokit-testkit --help\)\n$/);
    expect(result.stderr).not.toMatch(/\s+at /);
  });

  it('exits 1 with a one-line message when the file cannot be written', async () => {
    const result = await runCli(['generate', '--records', '5', '--out', join(dir, 'no-such-dir', 'x.jsonl')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^slokit-testkit: ENOENT[^\n]*\n$/);
  });

  it('prints usage for --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: slokit-testkit generate/);
  });
});
