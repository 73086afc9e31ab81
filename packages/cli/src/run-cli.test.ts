import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('runCli error lines', () => {
  it('carry no control character from the data they quote to the terminal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slokit-run-cli-'));
    const errors: string[] = [];
    try {
      const io = {
        stdout: () => {},
        stderr: (text: string) => errors.push(text),
        color: false,
        interactive: false,
        cwd: dir,
        env: {},
      };
      const code = await runCli(['check', '--config', 'evil\u001b]52;c;cGF3bmVk\u0007\u001b[2J.yaml'], io);
      expect(code).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const printed = errors.join('');
    expect(printed).toMatch(/^slokit: /);
    expect(printed).toContain('evil]52;c;cGF3bmVk[2J.yaml');
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
