import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openChromium } from '@slokit/testkit/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedAlert, SupportBotDemoResult } from './support-bot-demo.js';

// The built demo, as `npm run demo` runs it: the test needs `npm run build` (turbo builds before testing).
const script = fileURLToPath(new URL('../../dist/demo/run-demo.js', import.meta.url));

let dir: string;
let run: { code: number | null; stdout: string; stderr: string; ms: number };
let result: SupportBotDemoResult;
let transcript: string;

/** Runs a command to its end; a process still running after `timeoutMs` is killed and reported. */
function runToEnd(
  command: string,
  args: string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`${command} did not exit within ${timeoutMs / 1000} s: ${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function messages(channel: ReceivedAlert['channel']): ReceivedAlert[] {
  return result.received.filter((message) => message.channel === channel);
}

beforeAll(async () => {
  if (!existsSync(script)) throw new Error(`${script} not found: run \`npm run build\` first`);
  dir = await mkdtemp(join(tmpdir(), 'slokit-demo-test-'));
  // Nothing of this process's environment: the demo must need none of it (no account, no key).
  run = await runToEnd(process.execPath, [script, '--quiet', '--out', dir], 480_000, {
    PATH: process.env.PATH ?? '',
  });
  result = JSON.parse(await readFile(join(dir, 'demo-result.json'), 'utf8')) as SupportBotDemoResult;
  transcript = await readFile(join(dir, 'demo-output.txt'), 'utf8');
}, 540_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('runs the simulated week quietly and exits 0 by itself, with nothing failing on the way', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^slokit demo: 2005 sync cycles in \d+\.\d s; report: .*slo-report\.html\n$/);
    expect(result.failures).toEqual([]);
    expect(result.cycles).toBe(2005);
    // Every production run LangSmith held was counted once: nothing lost, nothing twice through the overlap.
    expect(result.runs.counted).toBe(result.runs.seeded);
    expect(result.runs.seeded).toBeGreaterThan(25_000);
  });

  it('detects the v13 incident, escalates it to a page, and resolves it after the rollback; nothing else fires', () => {
    expect(
      result.alertEvents.map((event) => `${event.at} ${event.slo} ${event.kind} ${event.level}`),
    ).toEqual([
      '2026-11-19T10:30:00.000Z helpfulness fired warning',
      '2026-11-19T10:50:00.000Z helpfulness escalated critical',
      '2026-11-19T11:20:00.000Z helpfulness escalated page',
      '2026-11-19T12:45:00.000Z helpfulness deescalated warning',
      '2026-11-19T13:05:00.000Z helpfulness resolved none',
    ]);
  });

  it('delivered the alerts to Slack in order: warning, critical, page, then the recovery', () => {
    const slack = messages('slack');
    expect(slack.map((message) => [message.at, message.events])).toEqual([
      ['2026-11-19T10:30:00.000Z', ['helpfulness: fired warning']],
      ['2026-11-19T10:50:00.000Z', ['helpfulness: escalated warning → critical']],
      ['2026-11-19T11:20:00.000Z', ['helpfulness: escalated critical → page']],
      ['2026-11-19T12:45:00.000Z', ['helpfulness: de-escalated page → warning']],
      ['2026-11-19T13:05:00.000Z', ['helpfulness: resolved (was warning)']],
    ]);
    expect(slack.map((message) => message.summary)).toEqual([
      '🟠 SLO alerts: 1 firing',
      '🔴 SLO alerts: 1 firing',
      '📟 SLO alerts: 1 firing',
      '🟠 SLO alerts: 1 firing',
      '✅ SLO alerts: 1 resolved',
    ]);
    // The page as the channel reads it: the value against the objective, the window, the runbook.
    const page = slack[2]!.lines.join('\n');
    expect(page).toMatch(/Value: \d+(\.\d)?% vs target ≥ 80% \(warning < 77%, critical < 72%\)/);
    expect(page).toMatch(/Window: 1h · \d+ samples/);
    expect(page).toContain('Runbook: https://wiki.example.com/runbooks/support-bot-quality');
  });

  it('paged PagerDuty once, lowered the alert as it calmed down, and resolved it', () => {
    expect(messages('pagerduty').map((message) => [message.at, message.events])).toEqual([
      ['2026-11-19T11:20:00.000Z', ['helpfulness: trigger critical']],
      ['2026-11-19T12:45:00.000Z', ['helpfulness: trigger warning']],
      ['2026-11-19T13:05:00.000Z', ['helpfulness: resolve']],
    ]);
    expect(messages('pagerduty')[0]!.summary).toMatch(
      /^trigger · severity critical · helpfulness: escalated critical → page; \d+(\.\d)?% vs ≥ 80% over 1h \(dedup_key slokit:helpfulness\)$/,
    );
  });

  it('sent every alert to the webhook as signed batches the receiver verified', () => {
    expect(result.webhook).toEqual({ verified: 5, refused: 0 });
    expect(messages('webhook').flatMap((message) => message.events)).toEqual(
      messages('slack').flatMap((message) => message.events),
    );
    for (const message of messages('webhook')) expect(message.summary).toContain('(signature verified)');
  });

  it('emailed the report of each day of the week through SMTP', () => {
    const email = messages('email');
    expect(email.map((message) => message.at.slice(0, 10))).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    expect(email[0]!.summary).toMatch(
      /^to ml-team@example\.com: "\[slokit\] SLO report 2026-11-16 to 2026-11-17/,
    );
    expect(email[3]!.summary).toMatch(/SLO report 2026-11-19 to 2026-11-20: .*\d+ alerts?"$/);
  });

  it('published the results back to LangSmith, MLflow and Weave, readable through their APIs', () => {
    const { langsmith, mlflow, weave } = result.published;
    // Hourly over the week (168 checks): five production SLOs as LangSmith project feedback.
    expect(langsmith.feedback).toBe(168 * 5);
    expect(langsmith.slos.map((slo) => slo.name).sort()).toEqual([
      'accuracy',
      'availability',
      'cost-per-query',
      'helpfulness',
      'p95-latency',
    ]);
    const helpfulness = langsmith.slos.find((slo) => slo.name === 'helpfulness')!;
    expect(helpfulness.status).toBe('ok');
    expect(helpfulness.statuses.critical).toBeGreaterThanOrEqual(1);
    expect(langsmith.lastComment).toMatch(/^helpfulness: \d+(\.\d)?%, objective ≥ 80% over 1h: critical/);
    // One MLflow run per check for the nightly-eval SLOs, and a slokit.check call per check in Weave.
    expect(mlflow).toMatchObject({ experiment: 'slokit-slo-checks', runs: 168, latestStatus: 'ok' });
    expect(mlflow.slos.map((slo) => [slo.name, slo.status])).toEqual([
      ['nightly-correctness', 'ok'],
      ['nightly-relevance', 'ok'],
    ]);
    expect(weave).toMatchObject({
      project: 'demo-team/support-bot',
      checkCalls: 168,
      evaluationFeedback: 168,
    });
    expect(weave.lastVerdict).toEqual({
      passed: true,
      slos: [
        { name: 'golden-helpfulness', status: 'ok' },
        { name: 'golden-correctness', status: 'ok' },
      ],
    });
  });

  it('wrote what a user sees: the dashboard, each message, the publishes, the report, and what happened', () => {
    expect(transcript).toContain('Mon 01:00  First sync: the dashboard');
    expect(transcript).toMatch(/helpfulness\s+│ ≥ 80%\s+│ \d/);
    expect(transcript).toContain('Thu 10:00  ▶ prompt v13 rolls out');
    expect(transcript).toContain('Thu 11:20  📟 PagerDuty  trigger · severity critical');
    expect(transcript).toContain('Thu 13:05  💬 Slack  ✅ SLO alerts: 1 resolved');
    expect(transcript).toMatch(/Tue 00:00 {2}📧 email {2}to ml-team@example\.com: "\[slokit\] SLO report/);
    expect(transcript).toContain('Published back to the trackers (read back through their APIs):');
    expect(transcript).toContain(
      `The HTML report of the week (charts of each SLO, its budget and alerts): ${result.reportFile}`,
    );
    expect(transcript).toContain(
      'helpfulness: warning Thu 10:30 → critical Thu 10:50 → page Thu 11:20 → warning Thu 12:45 → resolved Thu 13:05',
    );
    expect(transcript).toContain('No other SLO fired all week.');
    expect(transcript).toContain('Next steps');
  });

  it('left no server listening', async () => {
    expect(result.urls).toHaveLength(7);
    for (const url of result.urls) {
      const { hostname, port } = new URL(url);
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: hostname, port: Number(port) });
        socket.once('connect', () => {
          socket.destroy();
          resolve('listening');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, url).toBe('ECONNREFUSED');
    }
  });

  it('wrote an HTML report of the week that renders in headless Chromium with its charts', async () => {
    expect(result.reportFile).toBe(join(dir, 'slo-report.html'));
    const browser = await openChromium();
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(result.reportFile).href, { waitUntil: 'load', timeout: 60_000 });
      const dom = await page.content();
      const charts = [...dom.matchAll(/<svg [^>]*data-chart="(\w+)"[^>]*data-slo="([^"]*)"/g)].map(
        (match) => `${match[2]}:${match[1]}`,
      );
      expect(charts).toEqual([
        'helpfulness:sli',
        'helpfulness:alerts',
        'accuracy:sli',
        'p95-latency:sli',
        'availability:sli',
        'availability:budget',
        'cost-per-query:sli',
        'nightly-correctness:sli',
        'nightly-relevance:sli',
        'golden-helpfulness:sli',
        'golden-correctness:sli',
      ]);
      expect(dom).toContain('<h1>SLO Dashboard - Last 7 Days</h1>');
      expect(dom).toContain('Overall SLO Compliance: 100% (9 of 9)');
      // The SLI lines are drawn: each chart has a series path with real points.
      expect(
        [...dom.matchAll(/<path class="series series-sli" d="M[^"]{200,}"/g)].length,
      ).toBeGreaterThanOrEqual(9);
      expect(dom).not.toMatch(/<script/i);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
