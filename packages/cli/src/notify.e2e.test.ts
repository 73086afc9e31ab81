import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const start = Date.parse('2026-11-26T00:00:00Z');
const minute = 60_000;
const iso = (minutes: number) => new Date(start + minutes * minute).toISOString();
const secret = `whsec_${Buffer.from('a-test-secret-of-32-bytes-length!').toString('base64')}`;

let server: Server;
let url: string;
let failing = false;
const received: Array<{
  headers: IncomingHttpHeaders;
  body: {
    type: string;
    test: boolean;
    data: { events: Array<{ kind: string; level: string; slo: string }> };
  };
}> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (failing) {
        response.writeHead(503).end();
        return;
      }
      received.push({ headers: request.headers, body: JSON.parse(body) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/slokit`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function slokit(args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('alerts from sync reach a channel through the outbox', () => {
  it('delivers each cycle as one signed batch, retries a failed delivery next cycle, and never prints the secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slokit-notify-'));
    const lines = Array.from({ length: 300 }, (_, index) =>
      JSON.stringify({
        id: `r${index}`,
        timestamp: new Date(start + index * minute + 1000).toISOString(),
        status: index >= 120 && index < 150 ? 'error' : 'success',
      }),
    );
    await writeFile(join(dir, 'records.jsonl'), `${lines.join('\n')}\n`);
    await writeFile(
      join(dir, 'slokit.yaml'),
      `sources:
  prod: { type: file, path: ./records.jsonl }
slos:
  - name: success-rate
    sli: { ratio: { good: { field: status, equals: success } } }
    objective: { op: gte, target: 0.95, warning: 0.9, critical: 0.8 }
    window: 1h
channels:
  hook: { type: webhook, url: "${url}", secret: "\${HOOK_SECRET}" }
routes:
  - to: [hook]
`,
    );
    const env = { HOOK_SECRET: secret };
    const outputs: string[] = [];
    for (let at = 60; at <= 240; at += 5) {
      // The receiver is down while the alert fires: delivery fails, stays in the outbox, and goes out next cycle.
      failing = at >= 120 && at <= 135;
      const run = await slokit(['sync', '--now', iso(at)], dir, env);
      outputs.push(run.stdout + run.stderr);
    }
    const kinds = received
      .filter((request) => !request.body.test)
      .flatMap((request) => request.body.data.events.map((event) => `${event.kind}:${event.level}`));
    expect(kinds).toEqual([
      'fired:warning',
      'escalated:critical',
      'escalated:page',
      'deescalated:warning',
      'resolved:none',
    ]);
    for (const request of received) {
      expect(request.headers['webhook-id']).toMatch(/^\w+$/);
      expect(request.headers['webhook-signature']).toMatch(/^v1,/);
    }
    expect(outputs.join('\n')).toMatch(/Delivery to hook FAILED \(attempt \d+\)/);
    expect(outputs.join('\n')).toContain('Sent to hook: 1 event(s)');
    expect(outputs.join('\n')).not.toContain(secret);

    const test = await slokit(['test-channel', 'hook'], dir, env);
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(
      /^Sent a test message to hook \(webhook, \d+ sample event\(s\), id test-\w+\)\n$/,
    );
    expect(received.at(-1)?.body.test).toBe(true);
    const unknown = await slokit(['test-channel', 'nope'], dir, env);
    expect(unknown.code).toBe(2);
    // A channel's secret is read when the channel is used: a cycle with nothing to send runs without it.
    const quiet = await slokit(['sync', '--now', iso(245)], dir);
    expect(quiet.code).toBe(0);
    const missing = await slokit(['test-channel', 'hook'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('channels.hook.secret: environment variable HOOK_SECRET is not set');
  }, 120_000);
});
