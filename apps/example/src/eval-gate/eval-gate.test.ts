import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SlackReceiver, startSlackReceiver } from '@slokit/testkit/receivers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEvalGate } from './run-eval-gate.js';

const at = '2026-11-19T09:00:00.000Z';
const script = fileURLToPath(new URL('../../dist/eval-gate/eval-gate.js', import.meta.url));

let slack: SlackReceiver;

beforeAll(async () => {
  slack = await startSlackReceiver();
});

afterAll(async () => {
  await slack.stop();
});

beforeEach(() => slack.clear());

/** The visible text of a received Block Kit message. */
function slackText(body: unknown): string {
  const blocks = (body as { blocks: Array<{ text?: { text: string }; fields?: Array<{ text: string }> }> })
    .blocks;
  return blocks
    .flatMap((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)])
    .join('\n');
}

describe('the eval gate', () => {
  it('passes prompt v12: every SLO met, nothing sent, exit code 0', async () => {
    const printed: string[] = [];
    const result = await runEvalGate({
      promptVersion: 'v12',
      at,
      env: { SLACK_WEBHOOK_URL: slack.webhookUrl },
      print: (text) => printed.push(text),
    });
    expect(result.exitCode).toBe(0);
    expect(result.answers).toHaveLength(40);
    expect(result.report.slos.map((slo) => [slo.name, slo.status])).toEqual([
      ['correctness', 'ok'],
      ['helpfulness', 'ok'],
      ['p95-latency', 'ok'],
      ['answered', 'ok'],
      ['cost-per-answer', 'ok'],
    ]);
    expect(result.notified).toEqual([]);
    expect(slack.requests).toEqual([]);
    expect(printed.join('')).toContain('Eval gate passed: no SLO is critical.');
  });

  it('fails prompt v13 with exit code 1 and sends the violations to Slack', async () => {
    const printed: string[] = [];
    const result = await runEvalGate({
      promptVersion: 'v13',
      at,
      env: { SLACK_WEBHOOK_URL: slack.webhookUrl },
      print: (text) => printed.push(text),
    });
    expect(result.exitCode).toBe(1);
    const helpfulness = result.report.slos.find((slo) => slo.name === 'helpfulness')!;
    // The report's value is the mean of the rows that have a score (the failed answer has none).
    const scored = result.answers.flatMap((answer) =>
      typeof answer.scores?.helpfulness === 'number' ? [answer.scores.helpfulness] : [],
    );
    expect(helpfulness.status).toBe('critical');
    expect(helpfulness.samples).toBe(scored.length);
    expect(helpfulness.value).toBeCloseTo(scored.reduce((sum, value) => sum + value, 0) / scored.length, 9);
    expect(result.report.slos.find((slo) => slo.name === 'correctness')!.status).toBe('warning');

    expect(result.notified).toEqual([
      { channel: 'slack', events: ['correctness:warning', 'helpfulness:critical'] },
    ]);
    const [message] = slack.messages();
    expect(slack.messages()).toHaveLength(1);
    const text = slackText(message!.json);
    expect(text).toContain('helpfulness');
    expect(text).toContain('correctness');
    expect(text).toMatch(/64%/);
    // The lowest-scoring golden answer is linked as a worst example.
    const lowest = result.answers
      .filter((answer) => typeof answer.scores?.helpfulness === 'number')
      .sort((a, b) => (a.scores!.helpfulness as number) - (b.scores!.helpfulness as number))[0]!;
    expect(text).toContain(lowest.id);

    const output = printed.join('');
    expect(output).toContain('## Eval gate: prompt v13 on 40 golden questions');
    expect(output).toMatch(/\| \*\*helpfulness\*\* \| ≥ 80% \| 64% \| 39 \| all \|\s+\| 🔴 critical \|/);
    expect(output).toContain('Sent 2 violation(s) to slack.');
    expect(output).toContain('Eval gate FAILED: helpfulness is critical.');
  });

  it('still fails without a Slack webhook, saying nothing was sent', async () => {
    const printed: string[] = [];
    const result = await runEvalGate({
      promptVersion: 'v13',
      at,
      env: {},
      print: (text) => printed.push(text),
    });
    expect(result.exitCode).toBe(1);
    expect(result.notified).toEqual([]);
    expect(printed.join('')).toContain(
      'SLACK_WEBHOOK_URL is not set: the violations above were not sent to Slack.',
    );
  });

  it('is a CI step: the built script exits 1 on a critical SLO and writes the Markdown for the job summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slokit-eval-gate-'));
    try {
      const out = join(dir, 'eval-gate.md');
      const run = (prompt: string) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            [script, '--prompt', prompt, '--out', out],
            { env: { PATH: process.env.PATH ?? '', SLACK_WEBHOOK_URL: slack.webhookUrl } },
            (error, stdout, stderr) =>
              resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
          );
        });
      const failing = await run('v13');
      expect(failing.stderr).toBe('');
      expect(failing.code).toBe(1);
      expect(failing.stdout).toContain('Eval gate FAILED: helpfulness is critical.');
      expect(await readFile(out, 'utf8')).toMatch(/^### SLO report/);
      expect(slack.messages()).toHaveLength(1);

      const passing = await run('v14');
      expect(passing.code).toBe(0);
      expect(passing.stdout).toContain('Eval gate passed');

      const unknown = await run('v99');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toBe("eval-gate: unknown prompt version 'v99' (known: v12, v13, v14)\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
