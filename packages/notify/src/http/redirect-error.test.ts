import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelV1 } from '@slokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertmanagerChannel } from '../channels/alertmanager.js';
import { createDiscordChannel } from '../channels/discord.js';
import { createPagerdutyChannel } from '../channels/pagerduty.js';
import { createSlackChannel } from '../channels/slack.js';
import { createTeamsChannel } from '../channels/teams.js';
import { createWebhookChannel } from '../channels/webhook.js';
import { deliverOutbox } from '../delivery/deliver-outbox.js';
import { sampleAlertBatch } from '../sample-alert-batch.js';
import { notifyConfig } from '../test-support/notify-config.js';
import { outboxRow, recordingStore } from '../test-support/recording-store.js';
import { expectNoSecret } from '../testing/index.js';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback HTTP server recording every request and answering with `answer`. */
async function startServer(
  answer: (request: Recorded) => { status: number; headers?: Record<string, string> },
) {
  const requests: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      };
      requests.push(recorded);
      const { status, headers } = answer(recorded);
      response.writeHead(status, headers).end('moved');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const routingKey = 'R0UTINGKEYREDIRECT0123456789abcd';
const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
const authorization = 'Bearer redirect-header-secret-77';
const pathToken = 'T01REDIRECT/B02REDIRECT/xoxRedirectToken9';
const amPassword = 'am-redirect-pass-31';

let attacker: Awaited<ReturnType<typeof startServer>>;
let redirector: Awaited<ReturnType<typeof startServer>>;
let status = 307;
let location = '';

beforeAll(async () => {
  attacker = await startServer(() => ({ status: 200 }));
  redirector = await startServer(() => ({ status, headers: { location } }));
});

/** Points every request at the attacker: another origin, with a path (and user-info) that must never be shown. */
function redirectToAttacker(code: number, userInfo = '') {
  status = code;
  location = `http://${userInfo}127.0.0.1:${attacker.port}/collect/${pathToken}?k=1`;
}
afterAll(async () => {
  await attacker.stop();
  await redirector.stop();
});

function channels(): Array<[ChannelV1, string, string[]]> {
  const base = redirector.url;
  return [
    [
      createWebhookChannel('hook', {
        url: `${base}/hooks/${pathToken}`,
        secret: webhookSecret,
        headers: { Authorization: authorization },
      }),
      'webhook endpoint',
      [webhookSecret, webhookSecret.slice('whsec_'.length), authorization, pathToken],
    ],
    [
      createPagerdutyChannel('oncall', { routingKey, url: `${base}/v2/enqueue` }, { env: {} }),
      'PagerDuty Events API',
      [routingKey],
    ],
    [
      createSlackChannel('team', { webhookUrl: `${base}/services/${pathToken}` }),
      'Slack webhook',
      [pathToken],
    ],
    [
      createTeamsChannel('teams', { webhookUrl: `${base}/webhookb2/${pathToken}` }),
      'Teams webhook',
      [pathToken],
    ],
    [
      createDiscordChannel('discord', { webhookUrl: `${base}/api/webhooks/${pathToken}` }),
      'Discord webhook',
      [pathToken],
    ],
    [
      createAlertmanagerChannel(
        'am',
        { url: base.replace('http://', `http://ops:${amPassword}@`) },
        { env: {} },
      ),
      'Alertmanager',
      [amPassword],
    ],
  ];
}

describe('a channel endpoint that redirects (M1)', () => {
  it.each([301, 302, 303, 307, 308])(
    'HTTP %i to another origin: a final failure naming the origin; the body and credentials never leave',
    async (code) => {
      redirectToAttacker(code);
      for (const [channel, endpoint, secrets] of channels()) {
        const error = await channel
          .send(sampleAlertBatch({ channel: channel.name }))
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({ name: 'ChannelError', retryable: false, dead: false });
        expect((error as Error).message).toBe(
          `channel '${channel.name}': the ${endpoint} redirected to 127.0.0.1:${attacker.port} (HTTP ${code}); redirects are not followed, so the message and its credentials stay with the configured endpoint: set channels.${channel.name} to the final URL`,
        );
        expectNoSecret(error, [...secrets, '/collect/'], expect);
      }
      expect(attacker.requests).toEqual([]);
    },
  );

  it('never shows the user-info or the path of the Location', async () => {
    redirectToAttacker(307, 'thief:stolen-pass@');
    for (const [channel, , secrets] of channels()) {
      const error = await channel
        .send(sampleAlertBatch({ channel: channel.name }))
        .catch((caught: unknown) => caught);
      expect((error as Error).message).toContain(`redirected to 127.0.0.1:${attacker.port} (HTTP 307)`);
      expectNoSecret(error, [...secrets, 'stolen-pass', 'thief', '/collect/'], expect);
    }
    expect(attacker.requests).toEqual([]);
  });

  it('a redirect within the same origin is not followed either', async () => {
    const sameOrigin = await startServer((request) =>
      request.url === '/hook' ? { status: 308, headers: { location: '/elsewhere' } } : { status: 200 },
    );
    try {
      const channel = createWebhookChannel('hook', { url: `${sameOrigin.url}/hook`, secret: webhookSecret });
      await expect(channel.send(sampleAlertBatch())).rejects.toThrow(
        'the webhook endpoint redirected to another path of the same host (HTTP 308)',
      );
      expect(sameOrigin.requests.map((request) => request.url)).toEqual(['/hook']);
    } finally {
      await sameOrigin.stop();
    }
  });

  it('delivery keeps the row pending after one request, with the reason, and goes on with the next rows', async () => {
    redirectToAttacker(307);
    redirector.requests.length = 0;
    const store = recordingStore();
    const t0 = Date.parse('2026-11-26T14:00:00Z');
    await store.commit({
      outbox: ['r1', 'r2'].map((id) => outboxRow(sampleAlertBatch({ id, channel: 'hook' }), t0)),
    });
    const config = notifyConfig({
      hook: {
        type: 'webhook',
        url: `${redirector.url}/hooks/${pathToken}`,
        headers: { Authorization: authorization },
      },
    });
    const report = await deliverOutbox({ store, config, env: {}, now: () => t0 });
    expect(report.failed.map((failure) => [failure.id, failure.attempts, failure.dead])).toEqual([
      ['r1', 1, false],
      ['r2', 1, false],
    ]);
    expect(redirector.requests).toHaveLength(2);
    expect(attacker.requests).toEqual([]);
    expect(store.written()).not.toContain(pathToken);
    expect(store.written()).not.toContain(authorization);
  });
});
