import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@slokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertmanagerChannel } from '../channels/alertmanager.js';
import { createPagerdutyChannel } from '../channels/pagerduty.js';
import { everythingShown } from '../channels/test-support/expect-no-secrets.js';
import { createWebhookChannel } from '../channels/webhook.js';
import { createChannel } from '../create-channel.js';
import { sampleAlertBatch } from '../sample-alert-batch.js';
import { notifyConfig } from '../test-support/notify-config.js';

/** Every way a receiver may echo a value back: as is, percent-encoded, with JSON-escaped slashes, in base64. */
function echoes(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    value.replaceAll('/', '\\/'),
    Buffer.from(value).toString('base64'),
  ];
}

const hookPath = '/hooks/slokit-prod-hook';
const token = 'Bearer plain-words-token';
const routingKey = 'R0UTINGKEYECHOING0123456789abcde';

let server: Server;
let base: string;
/** What the receiver echoes next: one value in one form, alone on the first line of its error body. */
let echo: (request: { url: string; authorization: string; routingKey: string }) => string = () => '';

beforeAll(async () => {
  // A receiver that fails every request and echoes what it got, secrets included.
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const received = {
        url: `${base}${request.url}`,
        authorization: request.headers.authorization ?? '',
        routingKey: /"routing_key":"([^"]+)"/.exec(body)?.[1] ?? '',
      };
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`failed: ${echo(received)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('secrets in error paths', () => {
  it('a receiver echoing the URL, its path, a credential header or the routing key, in any encoding, shows none', async () => {
    const amPassword = 'am-echo-pass-ab12';
    const channels = [
      createWebhookChannel('hook', { url: `${base}${hookPath}`, headers: { Authorization: token } }),
      createPagerdutyChannel('oncall', { routingKey, url: `${base}/v2/enqueue` }, { env: {} }),
      createAlertmanagerChannel('am', { url: base.replace('//', `//ops:${amPassword}@`) }, { env: {} }),
    ];
    const values = [
      (received: { url: string }) => received.url,
      (received: { url: string }) => new URL(received.url).pathname,
      (received: { authorization: string }) => received.authorization,
      (received: { routingKey: string }) => received.routingKey,
    ];
    const secrets = [`${base}${hookPath}`, hookPath, token, routingKey, amPassword, 'ops:am-echo-pass-ab12'];
    for (const channel of channels) {
      for (const value of values) {
        for (const form of [0, 1, 2, 3]) {
          echo = (received) => echoes(value(received as never))[form]!;
          const error = await channel
            .send(sampleAlertBatch({ channel: channel.name }))
            .catch((caught: unknown) => caught);
          expect(error).toMatchObject({ name: 'ChannelError', retryable: true });
          const shown = everythingShown(error);
          for (const secret of secrets)
            for (const echoed of echoes(secret))
              expect(shown.includes(echoed), `${echoed} in ${shown}`).toBe(false);
        }
      }
    }
  });

  it('a header value a request cannot carry is a config error naming the field, never the value', async () => {
    const broken = 'Bearer tok-line\r\nX-Injected: yes';
    const config = {
      ...notifyConfig({
        hook: { type: 'webhook', url: 'https://hooks.example.com/x', headers: { Authorization: broken } },
        am: { type: 'alertmanager', url: 'http://am:9093', headers: { 'Bad Name': 'v' } },
      }),
      file: '/repo/slokit.yaml',
    };
    const hook = await createChannel('hook', config).catch((caught: unknown) => caught);
    expect(hook).toBeInstanceOf(ConfigError);
    expect((hook as Error).message).toBe(
      '/repo/slokit.yaml: channels.hook.headers.Authorization: expected a header value without line breaks or control characters',
    );
    await expect(createChannel('am', config, { env: {} })).rejects.toThrow(
      'channels.am.headers["Bad Name"]: expected an HTTP header name',
    );
  });
});
