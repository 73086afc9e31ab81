import { randomBytes } from 'node:crypto';
import type { AlertBatch } from '@slokit/core';
import {
  type SlackReceiver,
  startSlackReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from '@slokit/testkit/receivers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleDigestBatch } from '../sample-alert-batch.js';
import { notifyConfig } from '../test-support/notify-config.js';
import { outboxRow, recordingStore } from '../test-support/recording-store.js';
import { deliverOutbox } from './deliver-outbox.js';
import { maxRetryDelayMs, retryDelay } from './retry-delay.js';

const t0 = Date.parse('2026-11-26T14:00:00Z');
const slackToken = 'xoxDeliverySecret77';
const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
const authorization = 'Bearer delivery-header-secret-31';
const instant = async () => {};

let slack: SlackReceiver;
let hook: WebhookReceiver;
beforeAll(async () => {
  slack = await startSlackReceiver({ token: slackToken });
  hook = await startWebhookReceiver({ secret: webhookSecret });
});
afterAll(async () => {
  await slack.stop();
  await hook.stop();
});
afterEach(async () => {
  await slack.fault(null);
  await hook.fault(null);
  slack.clear();
  hook.clear();
});

function channels(options: { slackTimeout?: string; schedule?: boolean } = {}) {
  return {
    'team-slack': { type: 'slack', webhookUrl: slack.webhookUrl, timeout: options.slackTimeout ?? '2s' },
    hook: {
      type: 'webhook',
      url: hook.endpointUrl,
      secret: webhookSecret,
      headers: { Authorization: authorization },
      ...(options.schedule ? { schedule: 'daily' } : {}),
    },
  };
}

const batch = (id: string, channel: string, overrides: Partial<AlertBatch> = {}) =>
  sampleAlertBatch({ id, channel, cycleId: `sync:${id}`, ...overrides });

async function seeded(rows: Array<[string, string]>) {
  const store = recordingStore();
  await store.commit({
    outbox: rows.map(([id, channel], index) => ({
      ...outboxRow(batch(id, channel), t0 + index),
      nextAttemptAt: t0,
    })),
  });
  return store;
}

describe('deliverOutbox', () => {
  it('sends every due row to its channel and marks it sent', async () => {
    const store = await seeded([
      ['a1', 'team-slack'],
      ['b1', 'hook'],
      ['a2', 'team-slack'],
    ]);
    const report = await deliverOutbox({ store, config: notifyConfig(channels()), env: {}, now: () => t0 });
    expect(report).toEqual({
      sent: [
        { id: 'a1', channel: 'team-slack', events: 3 },
        { id: 'b1', channel: 'hook', events: 3 },
        { id: 'a2', channel: 'team-slack', events: 3 },
      ],
      failed: [],
      skipped: [],
    });
    expect(slack.messages().map((request) => request.headers['idempotency-key'])).toEqual(['a1', 'a2']);
    expect(hook.messages().map((request) => request.headers['webhook-id'])).toEqual(['b1']);
    expect(store.outbox().get('a2')).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(await store.getDueOutbox(t0 + maxRetryDelayMs, 10)).toEqual([]);
  });

  it('a hanging channel does not delay another: the webhook is delivered while Slack times out', async () => {
    await slack.fault({ kind: 'timeout' });
    const store = await seeded([
      ['slow', 'team-slack'],
      ['fast', 'hook'],
    ]);
    const started = Date.now();
    const report = await deliverOutbox({
      store,
      config: notifyConfig(channels({ slackTimeout: '3s' })),
      now: () => t0,
      retry: { maxAttempts: 1 },
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    // Well before Slack's timeout, with room for a loaded CI machine.
    expect(hook.messages()[0]!.at - started).toBeLessThan(1000);
    expect(store.updatedAt.get('fast')! - started).toBeLessThan(1000);
    expect(store.updatedAt.get('slow')! - started).toBeGreaterThanOrEqual(3000);
    expect(report.sent).toEqual([{ id: 'fast', channel: 'hook', events: 3 }]);
    expect(report.failed).toEqual([
      {
        id: 'slow',
        channel: 'team-slack',
        error: "channel 'team-slack': no answer from the Slack webhook within 3s (timeout)",
        attempts: 1,
        nextAttemptAt: expect.any(Number),
        dead: false,
      },
    ]);
  });

  it('retries a 429 within the call after the Retry-After it asked for, then sends', async () => {
    await slack.fault({ kind: 'status', status: 429, retryAfter: '1', times: 1 });
    const store = await seeded([['limited', 'team-slack']]);
    const started = Date.now();
    const report = await deliverOutbox({ store, config: notifyConfig(channels()), now: () => t0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(report.sent).toEqual([{ id: 'limited', channel: 'team-slack', events: 3 }]);
    expect(slack.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(store.outbox().get('limited')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('keeps a row that keeps failing pending, with attempts, a backed-off next attempt and the reason; later rows of the channel wait behind it, in order', async () => {
    await slack.fault({ kind: 'status', status: 503 });
    const store = await seeded([
      ['first', 'team-slack'],
      ['second', 'team-slack'],
      ['other', 'hook'],
    ]);
    const config = notifyConfig(channels());
    const report = await deliverOutbox({ store, config, now: () => t0, sleep: instant, random: () => 0.5 });
    expect(slack.requests).toHaveLength(3);
    const first = store.outbox().get('first')!;
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 3,
      nextAttemptAt: t0 + retryDelay(3, () => 0.5),
      lastError: "channel 'team-slack': the Slack webhook failed (HTTP 503 error_503); will retry",
    });
    expect(store.outbox().get('second')).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: first.nextAttemptAt,
    });
    expect(store.outbox().get('second')!.lastError).toContain(
      'an earlier message to this channel is waiting',
    );
    expect(report.sent).toEqual([{ id: 'other', channel: 'hook', events: 3 }]);
    expect(report.failed.map((failure) => [failure.id, failure.attempts, failure.dead])).toEqual([
      ['first', 3, false],
      ['second', 0, false],
    ]);
    // Not due before the backoff; then both go, in their order.
    expect(await store.getDueOutbox(first.nextAttemptAt - 1, 10)).toEqual([]);
    await slack.fault(null);
    const next = await deliverOutbox({ store, config, now: () => first.nextAttemptAt });
    expect(next.sent.map((sent) => sent.id)).toEqual(['first', 'second']);
    expect(slack.messages().map((request) => request.headers['idempotency-key'])).toEqual([
      'first',
      'second',
    ]);
    expect(store.outbox().get('first')).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
  });

  it('keeps the order across pages: rows read later still wait behind the failed one', async () => {
    await slack.fault({ kind: 'status', status: 502 });
    const store = await seeded([
      ['p1', 'team-slack'],
      ['p2', 'team-slack'],
      ['p3', 'team-slack'],
    ]);
    const report = await deliverOutbox({
      store,
      config: notifyConfig(channels()),
      now: () => t0,
      pageSize: 1,
      sleep: instant,
      retry: { maxAttempts: 2 },
    });
    expect(slack.requests).toHaveLength(2);
    expect(report.failed.map((failure) => [failure.id, failure.attempts])).toEqual([
      ['p1', 2],
      ['p2', 0],
      ['p3', 0],
    ]);
    expect(new Set(report.failed.map((failure) => failure.nextAttemptAt)).size).toBe(1);
  });

  it('a Retry-After longer than the call may wait: the row waits at least that long', async () => {
    await slack.fault({ kind: 'status', status: 429, retryAfter: '600' });
    const store = await seeded([['later', 'team-slack']]);
    const report = await deliverOutbox({
      store,
      config: notifyConfig(channels()),
      now: () => t0,
      sleep: instant,
    });
    expect(slack.requests).toHaveLength(1);
    expect(report.failed[0]).toMatchObject({ id: 'later', attempts: 1 });
    expect(report.failed[0]!.nextAttemptAt).toBeGreaterThanOrEqual(t0 + 600_000);
    expect(report.failed[0]!.error).toBe(
      "channel 'team-slack': rate limited by the Slack webhook (HTTP 429 rate_limited); retry after 600s",
    );
  });

  it('a rejected message (400) is not retried within the call, stays pending, and does not hold later rows back', async () => {
    await slack.fault({ kind: 'status', status: 400, times: 1 });
    const store = await seeded([
      ['rejected', 'team-slack'],
      ['fine', 'team-slack'],
    ]);
    const report = await deliverOutbox({
      store,
      config: notifyConfig(channels()),
      now: () => t0,
      random: () => 1,
    });
    expect(report.sent.map((sent) => sent.id)).toEqual(['fine']);
    expect(report.failed).toEqual([
      {
        id: 'rejected',
        channel: 'team-slack',
        error: "channel 'team-slack': the Slack webhook rejected the message (HTTP 400 invalid_payload)",
        attempts: 1,
        nextAttemptAt: t0 + 30_000,
        dead: false,
      },
    ]);
    expect(store.outbox().get('rejected')!.status).toBe('pending');
  });

  it('backs off 30s doubling per attempt, jittered, capped at an hour', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelay(attempts, () => 1))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(retryDelay(1, () => 0)).toBe(15_000);
    expect(retryDelay(20, () => 1)).toBe(maxRetryDelayMs);
    expect(retryDelay(20, () => 0)).toBe(maxRetryDelayMs / 2);
  });

  it("a dead endpoint (410): the row is dead, the channel's later rows too without another request, other channels go on", async () => {
    await slack.fault({ kind: 'status', status: 410 });
    const store = await seeded([
      ['d1', 'team-slack'],
      ['d2', 'team-slack'],
      ['alive', 'hook'],
    ]);
    const report = await deliverOutbox({ store, config: notifyConfig(channels()), now: () => t0 });
    expect(slack.requests).toHaveLength(1);
    expect(report.sent.map((sent) => sent.id)).toEqual(['alive']);
    const message =
      "channel 'team-slack': the Slack webhook is gone (HTTP 410 channel_is_archived): the endpoint no longer exists; messages to it are marked dead until channels.team-slack points at a working endpoint";
    expect(report.failed).toEqual([
      { id: 'd1', channel: 'team-slack', error: message, attempts: 1, nextAttemptAt: null, dead: true },
      { id: 'd2', channel: 'team-slack', error: message, attempts: 0, nextAttemptAt: null, dead: true },
    ]);
    expect(store.outbox().get('d2')).toMatchObject({ status: 'dead', lastError: message });
    expect(await store.getDueOutbox(t0 + maxRetryDelayMs, 10)).toEqual([]);
  });

  it('rows of a channel no longer in the config are reported and left pending, and do not starve the others', async () => {
    const store = await seeded([
      ['gone1', 'old-slack'],
      ['gone2', 'old-slack'],
      ['gone3', 'old-slack'],
      ['h1', 'hook'],
      ['h2', 'hook'],
    ]);
    const report = await deliverOutbox({
      store,
      config: notifyConfig(channels()),
      now: () => t0,
      pageSize: 2,
    });
    expect(report.sent.map((sent) => sent.id)).toEqual(['h1', 'h2']);
    expect(report.failed.map((failure) => [failure.id, failure.dead, failure.nextAttemptAt])).toEqual([
      ['gone1', false, t0],
      ['gone2', false, t0],
      ['gone3', false, t0],
    ]);
    expect(report.failed[0]!.error).toBe(
      "channel 'old-slack' is not in the config any more: its message is kept in the outbox and sent once a channel of that name is configured again",
    );
    expect((await store.getDueOutbox(t0, 10)).map((row) => [row.id, row.status, row.attempts])).toEqual([
      ['gone1', 'pending', 0],
      ['gone2', 'pending', 0],
      ['gone3', 'pending', 0],
    ]);
    // Configured again (here as a webhook), they go out.
    const again = await deliverOutbox({
      store,
      config: notifyConfig({
        ...channels(),
        'old-slack': { type: 'webhook', url: hook.endpointUrl, secret: webhookSecret },
      }),
      now: () => t0,
    });
    expect(again.sent.map((sent) => sent.id)).toEqual(['gone1', 'gone2', 'gone3']);
  });

  it('a digest channel (schedule: daily) skips single alerts and sends its digest rows', async () => {
    const store = recordingStore();
    const digest = sampleDigestBatch({ id: 'digest-2026-11-25-x', channel: 'hook' });
    await store.commit({
      outbox: [
        outboxRow(batch('alerts', 'hook'), t0),
        { ...outboxRow(batch('digest-2026-11-25-x', 'hook'), t0 - 1), payload: JSON.stringify(digest) },
      ],
    });
    const report = await deliverOutbox({
      store,
      config: notifyConfig(channels({ schedule: true })),
      now: () => t0,
    });
    expect(report.skipped).toEqual([
      {
        id: 'alerts',
        channel: 'hook',
        reason: "channel 'hook' has schedule: daily: single alerts go into its daily report instead",
      },
    ]);
    expect(report.sent).toEqual([{ id: 'digest-2026-11-25-x', channel: 'hook', events: 0 }]);
    expect(store.outbox().get('alerts')!.status).toBe('skipped');
    expect((hook.messages()[0]!.json as { type: string }).type).toBe('slokit.digest');
  });

  it('a channel whose settings are invalid keeps its rows pending with the config problem; the others are sent', async () => {
    const store = await seeded([
      ['x1', 'broken'],
      ['h', 'hook'],
    ]);
    const config = notifyConfig({
      ...channels(),
      broken: { type: 'slack', webhookUrl: 'hooks.slack.com/services/T/B/xoxNoScheme' },
    });
    const report = await deliverOutbox({ store, config, now: () => t0, random: () => 1 });
    expect(report.sent.map((sent) => sent.id)).toEqual(['h']);
    expect(report.failed).toEqual([
      {
        id: 'x1',
        channel: 'broken',
        error: "channel 'broken' cannot be built: channels.broken.webhookUrl: expected an http(s) URL",
        attempts: 0,
        nextAttemptAt: t0 + 30_000,
        dead: false,
      },
    ]);
  });

  it('an aborted call leaves the row pending for the next run', async () => {
    await slack.fault({ kind: 'timeout' });
    const store = await seeded([['aborted', 'team-slack']]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopping')), 200);
    await expect(
      deliverOutbox({ store, config: notifyConfig(channels()), now: () => t0, signal: controller.signal }),
    ).rejects.toThrow('stopping');
    expect(store.outbox().get('aborted')).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await store.getDueOutbox(t0, 10)).map((row) => row.id)).toEqual(['aborted']);
  });

  it('never stores, reports or throws a secret, whatever the receivers answer', async () => {
    const secrets = [
      slack.webhookUrl,
      new URL(slack.webhookUrl).pathname,
      slackToken,
      webhookSecret,
      webhookSecret.slice('whsec_'.length),
      authorization,
      hook.endpointUrl,
    ];
    // Receivers that echo what they got, secrets included, in their error bodies.
    await slack.fault({
      kind: 'status',
      status: 500,
      body: `upstream failed for ${slack.webhookUrl} (${slackToken})`,
    });
    await hook.fault({
      kind: 'status',
      status: 403,
      body: `denied: ${authorization} at ${hook.endpointUrl}`,
    });
    const store = await seeded([
      ['s', 'team-slack'],
      ['h', 'hook'],
    ]);
    const report = await deliverOutbox({
      store,
      config: notifyConfig(channels()),
      now: () => t0,
      sleep: instant,
    });
    expect(report.failed.map((failure) => failure.error)).toEqual([
      "channel 'team-slack': the Slack webhook failed (HTTP 500 upstream failed for *** (***)); will retry",
      "channel 'hook': the webhook endpoint refused the message (HTTP 403 denied: *** at ***); check the credentials in channels.hook",
    ]);
    const everything = [store.written(), JSON.stringify(report)].join('\n');
    for (const secret of secrets) expect(everything.includes(secret), secret).toBe(false);
    // Alerts carry runbook and example links; errors carry none.
    expect(report.failed.map((failure) => failure.error).join('\n')).not.toMatch(/https?:\/\//);
  });
});
