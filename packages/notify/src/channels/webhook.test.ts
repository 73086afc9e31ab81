import { randomBytes } from 'node:crypto';
import { startWebhookReceiver, type WebhookReceiver } from '@slokit/testkit/receivers';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleDigestBatch } from '../sample-alert-batch.js';
import { httpChannelFixture } from '../test-support/http-channel-fixture.js';
import { testChannel } from '../testing/index.js';
import { signWebhook } from './sign-webhook.js';
import { createWebhookChannel } from './webhook.js';
import type { WebhookAlertsPayload, WebhookDigestPayload } from './webhook-payload.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const token = 'Bearer hook-token-5f2c9e';

testChannel({
  name: 'webhook',
  async setup() {
    const receiver = await startWebhookReceiver({ secret });
    return httpChannelFixture({
      receiver,
      channel: createWebhookChannel('hook', {
        url: receiver.endpointUrl,
        secret,
        headers: { Authorization: token },
        timeout: '30s',
      }),
      timeoutChannel: createWebhookChannel('hook', {
        url: receiver.endpointUrl,
        secret,
        headers: { Authorization: token },
        timeout: '0.5s',
      }),
      secrets: [secret, secret.slice('whsec_'.length), token],
      isTest: (request) => (request.json as WebhookAlertsPayload).test,
    });
  },
});

describe('webhook channel', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret });
  });
  afterAll(() => receiver.stop());

  it('signs per Standard Webhooks: the standardwebhooks package verifies every request', async () => {
    const channel = createWebhookChannel('hook', {
      url: receiver.endpointUrl,
      secret,
      headers: { 'X-Team': 'ml' },
    });
    const batch = sampleAlertBatch({ id: '9f86d081884c7d65', channel: 'hook' });
    await channel.send(batch);
    await channel.sendDigest!(sampleDigestBatch({ id: 'digest-2026-11-25-abc', channel: 'hook' }));
    const [alerts, digest] = receiver.requests.slice(-2);
    const verifier = new Webhook(secret);
    const payload = verifier.verify(alerts!.body, alerts!.headers) as WebhookAlertsPayload;
    expect(alerts!.headers['webhook-id']).toBe('9f86d081884c7d65');
    expect(alerts!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(alerts!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(alerts!.headers['x-team']).toBe('ml');
    expect(alerts!.headers['content-type']).toBe('application/json');
    expect(payload).toEqual({
      type: 'slokit.alerts',
      schemaVersion: 1,
      timestamp: '2026-11-26T14:00:00.000Z',
      test: false,
      data: { batchId: batch.id, cycleId: batch.cycleId, channel: 'hook', events: batch.events },
    });
    const digestPayload = verifier.verify(digest!.body, digest!.headers) as WebhookDigestPayload;
    expect(digestPayload).toMatchObject({
      type: 'slokit.digest',
      schemaVersion: 1,
      timestamp: '2026-11-26T00:00:00.000Z',
      data: {
        digestId: 'digest-2026-11-25-abc',
        from: '2026-11-25T00:00:00.000Z',
        to: '2026-11-26T00:00:00.000Z',
      },
    });
    expect(digestPayload.data.report.slos.map((slo) => slo.name)).toEqual(['helpfulness', 'p95-latency']);
    // Any change to the body breaks the signature.
    expect(() =>
      verifier.verify(alerts!.body.replace('"test":false', '"test":true'), alerts!.headers),
    ).toThrow(WebhookVerificationError);
  });

  it('signs with each secret of a list, for rotation: either verifies', async () => {
    const next = `whsec_${randomBytes(24).toString('base64')}`;
    const channel = createWebhookChannel('hook', { url: receiver.endpointUrl, secret: [next, secret] });
    await channel.send(sampleAlertBatch({ id: 'rotation' }));
    const request = receiver.requests.at(-1)!;
    expect(request.status).toBe(204);
    expect(request.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(next).verify(request.body, request.headers)).toBeTruthy();
    expect(new Webhook(secret).verify(request.body, request.headers)).toBeTruthy();
  });

  it('matches the reference implementation byte for byte', () => {
    const body = '{"type":"slokit.alerts"}';
    const at = new Date(1_764_165_600_000);
    expect(signWebhook({ id: 'msg_1', timestamp: at.getTime() / 1000, body, secrets: [secret] })).toBe(
      new Webhook(secret).sign('msg_1', at, body),
    );
  });

  it('the same batch retried keeps its webhook-id, so the receiver drops the duplicate', async () => {
    receiver.clear();
    const channel = createWebhookChannel('hook', { url: receiver.endpointUrl, secret });
    await channel.send(sampleAlertBatch({ id: 'dup' }));
    await channel.send(sampleAlertBatch({ id: 'dup' }));
    expect(receiver.messages()).toHaveLength(2);
    expect(receiver.unique()).toHaveLength(1);
  });

  it('any 2xx is success', async () => {
    for (const status of [200, 201, 202, 204]) {
      const ok = await startWebhookReceiver({ secret, status });
      try {
        await createWebhookChannel('hook', { url: ok.endpointUrl, secret }).send(sampleAlertBatch());
        expect(ok.requests[0]!.status).toBe(status);
      } finally {
        await ok.stop();
      }
    }
  });

  it('410 Gone marks the endpoint dead with a clear message; 404 is refused but not dead', async () => {
    const channel = createWebhookChannel('hook', { url: receiver.endpointUrl, secret });
    await receiver.fault({ kind: 'status', status: 410 });
    const gone = await channel.send(sampleAlertBatch()).catch((error: unknown) => error);
    await receiver.fault({ kind: 'status', status: 404 });
    const missing = await channel.send(sampleAlertBatch()).catch((error: unknown) => error);
    await receiver.fault(null);
    expect(gone).toMatchObject({ dead: true, retryable: false });
    expect((gone as Error).message).toBe(
      'channel \'hook\': the webhook endpoint is gone (HTTP 410 {"error":"injected 410"}): the endpoint no longer exists; messages to it are marked dead until channels.hook points at a working endpoint',
    );
    expect(missing).toMatchObject({ dead: false, retryable: false });
  });

  it('a receiver that verifies refuses a wrong secret (401), which is not retried', async () => {
    const channel = createWebhookChannel('hook', {
      url: receiver.endpointUrl,
      secret: `whsec_${randomBytes(32).toString('base64')}`,
    });
    await expect(channel.send(sampleAlertBatch())).rejects.toMatchObject({ retryable: false, dead: false });
    expect(receiver.requests.at(-1)!.problems).toEqual(['no matching signature']);
  });

  it('validates the secret and refuses headers slokit sets itself', () => {
    expect(() =>
      createWebhookChannel('hook', { url: 'https://x.example.com', secret: 'plain-text-secret' }),
    ).toThrow(
      "channels.hook.secret: expected a Standard Webhooks secret: 'whsec_' and 24 to 64 random bytes in base64",
    );
    expect(() =>
      createWebhookChannel('hook', {
        url: 'https://x.example.com',
        secret: `whsec_${randomBytes(8).toString('base64')}`,
      }),
    ).toThrow('channels.hook.secret');
    expect(() =>
      createWebhookChannel('hook', { url: 'https://x.example.com', headers: { 'Webhook-Id': 'x' } }),
    ).toThrow('channels.hook.headers: these headers are set by slokit: webhook-id');
  });
});
