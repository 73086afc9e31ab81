import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@slokit/store';
import { startWebhookReceiver, type WebhookReceiver } from '@slokit/testkit/receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlertBatch } from '../sample-alert-batch.js';
import { outboxRow } from '../test-support/recording-store.js';
import type { DeliveryReport } from './delivery-report.js';

const worker = fileURLToPath(new URL('../test-support/deliver-worker.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const t0 = Date.parse('2026-11-26T14:00:00Z');
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const authorization = 'Bearer crash-test-header-secret-8d1';

function startWorker(command: Record<string, unknown>) {
  const child = spawn(process.execPath, [worker, JSON.stringify(command)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, output: () => stdout };
}

async function until(condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('deliverOutbox across a killed process (SQLite store)', () => {
  let directory: string;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    if (!existsSync(dist))
      throw new Error(`${dist} is missing: build first (npx turbo run build --filter=@slokit/notify...)`);
    directory = mkdtempSync(join(tmpdir(), 'slokit-notify-crash-'));
    receiver = await startWebhookReceiver({ secret });
  });
  afterAll(async () => {
    await receiver.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('a process killed mid-send leaves the row pending; the next run sends it; the receiver dedupes by webhook-id', async () => {
    const path = join(directory, 'state.db');
    const store = createSqliteStore({ path });
    await store.migrate();
    const batch = sampleAlertBatch({
      id: '5e1f0c2a9b7d4e63',
      channel: 'hook',
      cycleId: 'sync:2026-11-26T14:00:00.000Z',
    });
    await store.commit({ outbox: [outboxRow(batch, t0)] });
    await store.close();
    const config = {
      sources: { prod: { type: 'memory' } },
      slos: [
        {
          name: 'availability',
          sli: { ratio: { good: { field: 'status', equals: 'success' } } },
          objective: { op: 'gte', target: 0.9 },
        },
      ],
      channels: {
        hook: {
          type: 'webhook',
          url: receiver.endpointUrl,
          secret,
          headers: { Authorization: authorization },
        },
      },
      routes: [{ to: ['hook'] }],
    };

    // The receiver takes the message, then is slow to answer: the process dies in between.
    await receiver.fault({ kind: 'slow', delayMs: 30_000, times: 1 });
    const first = startWorker({ path, config, now: t0 });
    await until(() => receiver.requests.length === 1);
    expect(receiver.messages()).toHaveLength(1);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('delivering\n');

    const reopened = createSqliteStore({ path });
    const due = await reopened.getDueOutbox(t0, 10);
    expect(due.map((row) => [row.id, row.status, row.attempts])).toEqual([[batch.id, 'pending', 0]]);
    await reopened.close();

    const second = await startWorker({ path, config, now: t0 + 60_000 }).done;
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout.trim().split('\n').at(-1)!) as DeliveryReport;
    expect(report).toEqual({ sent: [{ id: batch.id, channel: 'hook', events: 3 }], failed: [], skipped: [] });

    // Delivered at least once: twice here, under one webhook-id, which a receiver that dedupes keeps once.
    expect(receiver.messages().map((request) => request.headers['webhook-id'])).toEqual([batch.id, batch.id]);
    expect(receiver.unique()).toHaveLength(1);
    expect((receiver.unique()[0]!.json as { data: { batchId: string } }).data.batchId).toBe(batch.id);

    const after = createSqliteStore({ path });
    expect(await after.getDueOutbox(t0 + 86_400_000, 10)).toEqual([]);
    await after.close();

    // Nothing the store keeps on disk holds a secret: scan the database and its WAL, byte for byte.
    const files = readdirSync(directory).filter((name) => name.startsWith('state.db'));
    expect(files).toContain('state.db');
    const bytes = files.map((name) => readFileSync(join(directory, name)).toString('latin1')).join('\n');
    expect(bytes).toContain(batch.id);
    for (const value of [secret, secret.slice('whsec_'.length), authorization, receiver.endpointUrl]) {
      expect(bytes.includes(value), value).toBe(false);
    }
  }, 180_000);
});
