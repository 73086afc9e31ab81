import { ChannelError, ConfigError } from '@slokit/core';
import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from '@slokit/testkit/receivers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleAlertBatch } from '../sample-alert-batch.js';
import { testChannel } from '../testing/index.js';
import { alertmanagerServer, createAlertmanagerChannel } from './alertmanager.js';
import type { PostableAlert } from './alertmanager-alert.js';
import { closedPort } from './test-support/closed-port.js';
import { everythingShown, expectNoSecrets } from './test-support/expect-no-secrets.js';

/**
 * A stand-in for Alertmanager's `POST /api/v2/alerts` for the failure cases (the real one runs in
 * alertmanager.real.test.ts): 200 for a valid array of alerts; 400 with a JSON string, as Alertmanager answers, for
 * a missing label set or an end before the start.
 */
function alertmanagerReply(request: ReceivedRequest) {
  if (request.method !== 'POST' || request.path !== '/api/v2/alerts') return { status: 404, accepted: false };
  const alerts = request.json as PostableAlert[] | undefined;
  if (!Array.isArray(alerts))
    return { status: 400, body: '"body must be an array of alerts"', accepted: false };
  for (const alert of alerts) {
    if (Object.keys(alert.labels ?? {}).length === 0)
      return { status: 400, body: '"at least one label pair required"', accepted: false };
    if (Date.parse(alert.endsAt) < Date.parse(alert.startsAt))
      return { status: 400, body: '"start time must be before end time"', accepted: false };
  }
  return { status: 200, accepted: true };
}

testChannel({
  name: 'alertmanager',
  async setup() {
    const receiver = await startHttpReceiver({ handle: alertmanagerReply, contentType: 'application/json' });
    const secret = 'conformance-am-pass';
    return {
      channel: createAlertmanagerChannel(
        'am',
        { url: receiver.url.replace('http://', `http://ops:${secret}@`), timeout: '30s' },
        { env: {} },
      ),
      timeoutChannel: createAlertmanagerChannel(
        'am',
        { url: receiver.url.replace('http://', `http://ops:${secret}@`), timeout: '0.5s' },
        { env: {} },
      ),
      // One POST per batch, carrying the batch id; a test's alerts are all labelled slokit_test.
      received: () =>
        receiver.accepted().map((request) => ({
          key: request.headers['idempotency-key'] ?? null,
          test: (request.json as PostableAlert[]).every((alert) => alert.labels.slokit_test === 'true'),
        })),
      expectedKeys: (batch) => [batch.id],
      fault: (fault) =>
        receiver.fault(
          fault === null
            ? null
            : fault.kind === 'status'
              ? {
                  kind: 'status',
                  status: fault.status,
                  ...(fault.retryAfterSeconds === undefined
                    ? {}
                    : { retryAfter: String(fault.retryAfterSeconds) }),
                }
              : fault,
        ),
      secrets: [secret],
      teardown: () => receiver.stop(),
    };
  },
});

let primary: HttpReceiver;
let secondary: HttpReceiver;

beforeEach(async () => {
  primary = await startHttpReceiver({ handle: alertmanagerReply, contentType: 'application/json' });
  secondary = await startHttpReceiver({ handle: alertmanagerReply, contentType: 'application/json' });
});
afterEach(async () => {
  await primary.stop();
  await secondary.stop();
});

const batch = () => sampleAlertBatch({ channel: 'am', id: 'b-1' });

describe('alertmanager channel', () => {
  it('posts the batch as one array of alerts to /api/v2/alerts', async () => {
    await createAlertmanagerChannel('am', { url: primary.url, labels: { env: 'prod' } }, { env: {} }).send(
      batch(),
    );
    expect(primary.requests).toHaveLength(1);
    const [request] = primary.requests;
    expect(request!.path).toBe('/api/v2/alerts');
    expect(request!.headers['content-type']).toBe('application/json');
    const alerts = request!.json as PostableAlert[];
    // Warning fires; the escalation ends critical and fires page; the recovery ends warning.
    expect(alerts.map((alert) => [alert.labels.slo, alert.labels.severity, alert.endsAt])).toEqual([
      ['p95-latency', 'warning', '2026-11-26T19:00:00.000Z'],
      ['helpfulness', 'critical', '2026-11-26T14:00:00.000Z'],
      ['helpfulness', 'page', '2026-11-26T19:00:00.000Z'],
      ['cost-per-query', 'warning', '2026-11-26T14:00:00.000Z'],
    ]);
    expect(alerts[0]!.labels).toEqual({
      alertname: 'SlokitSLO',
      slo: 'p95-latency',
      segment: 'gpt-4o',
      severity: 'warning',
      env: 'prod',
      team: 'support',
    });
  });

  it('keeps a route prefix, and sends user:password in the URL as basic auth', async () => {
    const prefixed = alertmanagerServer('https://ops:s3cr%40t@am.example.com:9093/alertmanager/');
    expect(prefixed).toEqual({
      url: 'https://am.example.com:9093/alertmanager/api/v2/alerts',
      headers: { authorization: `Basic ${Buffer.from('ops:s3cr@t').toString('base64')}` },
      label: 'am.example.com:9093',
    });
    expect(alertmanagerServer('http://am:9093/api/v2/alerts').url).toBe('http://am:9093/api/v2/alerts');

    const url = primary.url.replace('http://', 'http://ops:s3cr%40t@');
    await createAlertmanagerChannel('am', { url, headers: { 'x-scope-orgid': 'ml' } }, { env: {} }).send(
      batch(),
    );
    expect(primary.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('ops:s3cr@t').toString('base64')}`,
    );
    expect(primary.requests[0]!.headers['x-scope-orgid']).toBe('ml');
  });

  it('posts to every instance of an HA pair, and a retry skips the one that took the batch', async () => {
    const am = createAlertmanagerChannel('am', { url: [primary.url, secondary.url] }, { env: {} });
    await secondary.fault({ kind: 'status', status: 503, times: 1 });
    const error = await am.send(batch()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).retryable).toBe(true);
    expect((error as ChannelError).message).toBe(
      `channel 'am': the Alertmanager 2 of 2 (127.0.0.1:${secondary.port}) failed (HTTP 503); will retry`,
    );
    await am.send(batch());
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests.map((request) => request.status)).toEqual([503, 200]);
  });

  it('reads the URL from ALERTMANAGER_URL when url is not set', async () => {
    await createAlertmanagerChannel('am', {}, { env: { ALERTMANAGER_URL: primary.url } }).send(batch());
    expect(primary.accepted()).toHaveLength(1);
  });
});

describe('alertmanager channel failures', () => {
  const shown: string[] = [];
  const password = 'am-proxy-pass-7781';
  const token = 'Bearer am-token-99f1e2';
  const channel = (url: string, timeout?: string) =>
    createAlertmanagerChannel(
      'am',
      {
        url: url.replace('http://', `http://ops:${password}@`),
        headers: { authorization: token },
        ...(timeout ? { timeout } : {}),
      },
      { env: {} },
    );

  async function failure(send: Promise<void>): Promise<ChannelError> {
    const error = await send.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ChannelError);
    shown.push(everythingShown(error));
    return error as ChannelError;
  }

  it('retries 429 with Retry-After and 5xx', async () => {
    await primary.fault({ kind: 'status', status: 429, retryAfter: '7', times: 1 });
    const limited = await failure(channel(primary.url).send(batch()));
    expect(limited.retryable).toBe(true);
    expect(limited.retryAfterMs).toBe(7000);

    await primary.fault({ kind: 'status', status: 500, body: '"internal error"', times: 1 });
    const failed = await failure(channel(primary.url).send(batch()));
    expect(failed.retryable).toBe(true);
    expect(failed.message).toBe(
      `channel 'am': the Alertmanager failed (HTTP 500 "internal error"); will retry`,
    );
  });

  it('does not retry a 400, and says what Alertmanager rejected', async () => {
    await primary.fault({
      kind: 'status',
      status: 400,
      body: '"start time must be before end time"',
      times: 1,
    });
    const rejected = await failure(channel(primary.url).send(batch()));
    expect(rejected.retryable).toBe(false);
    expect(rejected.message).toBe(
      `channel 'am': the Alertmanager rejected the message (HTTP 400 "start time must be before end time")`,
    );
  });

  it('times out, retryably, and retries a refused connection', async () => {
    await primary.fault({ kind: 'timeout', times: 1 });
    const started = Date.now();
    const hung = await failure(channel(primary.url, '0.2s').send(batch()));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(hung.retryable).toBe(true);
    expect(hung.message).toBe("channel 'am': no answer from the Alertmanager within 200ms (timeout)");

    const port = await closedPort();
    const refused = await failure(channel(`http://127.0.0.1:${port}`).send(batch()));
    expect(refused.retryable).toBe(true);
    expect(refused.message).toBe("channel 'am': could not reach the Alertmanager (ECONNREFUSED)");
  });

  it('marks an instance that answers 404 as dead only when every instance is gone', async () => {
    await primary.fault({ kind: 'status', status: 404, times: 1 });
    const gone = await failure(channel(primary.url).send(batch()));
    expect(gone.dead).toBe(true);

    await primary.fault({ kind: 'status', status: 404, times: 1 });
    await secondary.fault({ kind: 'status', status: 503, times: 1 });
    const pair = createAlertmanagerChannel('am', { url: [primary.url, secondary.url] }, { env: {} });
    const mixed = await failure(pair.send(batch()));
    expect(mixed.dead).toBe(false);
    expect(mixed.retryable).toBe(true);
    expect(mixed.message).toContain(`Alertmanager 1 of 2 (127.0.0.1:${primary.port}) is gone (HTTP 404)`);
    expect(mixed.message).toContain(`Alertmanager 2 of 2 (127.0.0.1:${secondary.port}) failed (HTTP 503)`);
  });

  it('never shows the basic-auth password or a header value (secret scan)', () => {
    expect(shown.length).toBeGreaterThanOrEqual(6);
    expectNoSecrets(shown, [password, token, 'am-token-99f1e2']);
  });
});

describe('alertmanager channel settings', () => {
  const attempt = (settings: Record<string, unknown>, env: Record<string, string> = {}) => {
    try {
      createAlertmanagerChannel('am', settings as never, { env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('names the field and the variable', () => {
    expect(attempt({})).toBe(
      "channels.am.url: missing: set url to Alertmanager's base URL (http://alertmanager:9093) or the ALERTMANAGER_URL environment variable",
    );
    expect(attempt({}, { ALERTMANAGER_URL: 'am:9093' })).toBe(
      'channels.am.url: ALERTMANAGER_URL: expected an http(s) URL',
    );
    expect(attempt({ url: [] })).toBe('channels.am.url: expected at least one URL');
    expect(attempt({ url: 'http://am:9093', endsAfter: 'soon' })).toBe(
      'channels.am.endsAfter: expected a duration such as 90m, 5h or 1d',
    );
    expect(attempt({ url: 'http://am:9093', alertname: 'has space' })).toBe(
      'channels.am.alertname: expected a name such as SlokitSLO',
    );
  });
});
