import { type AlertBatch, ChannelError, ConfigError, type DigestBatch } from '@slokit/core';
import {
  type PagerdutyReceiver,
  startPagerdutyReceiver,
  validatePagerdutyEvent,
} from '@slokit/testkit/receivers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bySeverity } from '../message/alert-text.js';
import { sampleAlertBatch, sampleAlertEvent } from '../sample-alert-batch.js';
import { type ChannelFault, testChannel } from '../testing/index.js';
import { createPagerdutyChannel } from './pagerduty.js';
import { pagerdutyEventsPerBatch } from './pagerduty-overflow.js';
import { closedPort } from './test-support/closed-port.js';
import { everythingShown, expectNoSecrets } from './test-support/expect-no-secrets.js';

const routingKey = 'R01F2EXAMPLEKEY0123456789abcdefx';

/**
 * The documented dedup keys: `slokit:<slo>[:<segment>]`; a test's `slokit-test:<slo>:<batch id>[:<segment>]`. Past
 * 100 events (50 for a test), the 99 (49) most severe and the overflow alert `slokit-overflow` (`slokit-test-overflow`).
 */
function documentedKeys(batch: AlertBatch | DigestBatch): string[] {
  if (!('events' in batch)) return [];
  const limit = batch.test ? pagerdutyEventsPerBatch / 2 : pagerdutyEventsPerBatch;
  const events = batch.events.length <= limit ? batch.events : bySeverity(batch.events).slice(0, limit - 1);
  const overflow =
    batch.events.length <= limit ? [] : [batch.test ? 'slokit-test-overflow' : 'slokit-overflow'];
  if (batch.test) {
    const keys = events.map(
      (event) => `slokit-test:${event.slo}:${batch.id}${event.segment === '' ? '' : `:${event.segment}`}`,
    );
    // Each test alert is triggered, then resolved.
    return [...keys, ...overflow, ...keys, ...overflow];
  }
  return [
    ...events.map((event) => `slokit:${event.slo}${event.segment === '' ? '' : `:${event.segment}`}`),
    ...overflow,
  ];
}

testChannel({
  name: 'pagerduty',
  async setup() {
    const receiver = await startPagerdutyReceiver({ routingKeys: [routingKey] });
    return {
      channel: createPagerdutyChannel(
        'oncall',
        { routingKey, url: receiver.url, timeout: '30s' },
        { env: {} },
      ),
      timeoutChannel: createPagerdutyChannel(
        'oncall',
        { routingKey, url: receiver.url, timeout: '0.5s' },
        { env: {} },
      ),
      received: () =>
        receiver.events.map((event) => ({
          key: event.dedupKey,
          test: event.dedupKey.startsWith('slokit-test:'),
        })),
      expectedKeys: documentedKeys,
      fault: (fault: ChannelFault | null) =>
        fault === null
          ? receiver.clearFaults()
          : receiver.addFault(
              fault.kind === 'status'
                ? {
                    kind: 'status',
                    status: fault.status,
                    retryAfter: fault.retryAfterSeconds,
                    times: Infinity,
                  }
                : { kind: fault.kind, times: Infinity },
            ),
      secrets: [routingKey],
      teardown: () => receiver.stop(),
    };
  },
});

let receiver: PagerdutyReceiver;

beforeEach(async () => {
  receiver = await startPagerdutyReceiver({ routingKeys: [routingKey] });
});
afterEach(async () => {
  await receiver.stop();
});

function channel(settings: Record<string, unknown> = {}) {
  return createPagerdutyChannel(
    'oncall',
    { type: 'pagerduty', routingKey, url: receiver.url, ...settings },
    { env: {} },
  );
}

const at = (minute: number) => `2026-11-26T14:${String(minute).padStart(2, '0')}:00.000Z`;

describe('pagerduty channel against the Events API v2 receiver', () => {
  it('follows an incident: warning, escalation to page, de-escalation, resolve: one PagerDuty alert per SLO', async () => {
    const oncall = channel({ source: 'support-bot-prod', dashboardUrl: 'https://slo.example.com/d' });
    const cycle = (minute: number, events: ReturnType<typeof sampleAlertEvent>[]) =>
      oncall.send({ id: `b${minute}`, cycleId: `c${minute}`, at: at(minute), channel: 'oncall', events });
    await cycle(0, [sampleAlertEvent({ at: at(0), kind: 'fired', level: 'warning', status: 'warning' })]);
    await cycle(5, [
      sampleAlertEvent({ at: at(5), kind: 'escalated', level: 'critical', previousLevel: 'warning' }),
    ]);
    await cycle(10, [
      sampleAlertEvent({ at: at(10), kind: 'escalated', level: 'page', previousLevel: 'critical' }),
    ]);
    expect(receiver.alerts).toHaveLength(1);
    expect(receiver.openAlert('slokit:helpfulness')).toMatchObject({
      status: 'triggered',
      severity: 'critical',
    });
    await cycle(20, [
      sampleAlertEvent({ at: at(20), kind: 'deescalated', level: 'warning', previousLevel: 'page' }),
    ]);
    expect(receiver.openAlert('slokit:helpfulness')?.severity).toBe('warning');
    await cycle(30, [
      sampleAlertEvent({
        at: at(30),
        kind: 'resolved',
        level: 'none',
        previousLevel: 'warning',
        status: 'ok',
      }),
    ]);

    // One request per event, every one of them valid and accepted, in order.
    expect(receiver.requests.map((request) => request.status)).toEqual([202, 202, 202, 202, 202]);
    expect(receiver.rejected).toEqual([]);
    expect(
      receiver.events.map((event) => [
        event.action,
        event.body.payload && (event.body.payload as { severity: string }).severity,
      ]),
    ).toEqual([
      ['trigger', 'warning'],
      ['trigger', 'critical'],
      ['trigger', 'critical'],
      ['trigger', 'warning'],
      ['resolve', undefined],
    ]);
    expect(receiver.alerts).toEqual([
      {
        routingKey,
        dedupKey: 'slokit:helpfulness',
        status: 'resolved',
        severity: 'warning',
        summary: 'helpfulness: de-escalated page → warning; 68.1% vs ≥ 80% over 1h',
        log: [
          {
            action: 'trigger',
            severity: 'warning',
            summary: 'helpfulness: fired warning; 68.1% vs ≥ 80% over 1h',
          },
          {
            action: 'trigger',
            severity: 'critical',
            summary: 'helpfulness: escalated warning → critical; 68.1% vs ≥ 80% over 1h',
          },
          {
            action: 'trigger',
            severity: 'critical',
            summary: 'helpfulness: escalated critical → page; 68.1% vs ≥ 80% over 1h',
          },
          {
            action: 'trigger',
            severity: 'warning',
            summary: 'helpfulness: de-escalated page → warning; 68.1% vs ≥ 80% over 1h',
          },
          { action: 'resolve' },
        ],
      },
    ]);
    const first = JSON.parse(receiver.requests[0]!.body) as Record<string, unknown>;
    expect(first).toMatchObject({
      routing_key: routingKey,
      payload: { source: 'support-bot-prod', component: 'helpfulness' },
      client_url: 'https://slo.example.com/d',
    });
    expect(receiver.requests[0]!.headers['content-type']).toBe('application/json');

    // A new breach after the resolve opens a new alert under the same key.
    await cycle(50, [sampleAlertEvent({ at: at(50), kind: 'fired', level: 'critical' })]);
    expect(receiver.alerts.map((alert) => alert.status)).toEqual(['resolved', 'triggered']);
  });

  it('sends the events of a batch one request each, in order, with one key per segment', async () => {
    await channel().send(sampleAlertBatch({ channel: 'oncall' }));
    expect(receiver.events.map((event) => [event.action, event.dedupKey])).toEqual([
      ['trigger', 'slokit:p95-latency:gpt-4o'],
      ['trigger', 'slokit:helpfulness'],
      ['resolve', 'slokit:cost-per-query'],
    ]);
    for (const request of receiver.requests)
      expect(validatePagerdutyEvent(JSON.parse(request.body))).toEqual([]);
  });

  it('opens and closes an info alert for a test message, paging nobody', async () => {
    await channel().send(sampleAlertBatch({ channel: 'oncall', id: 't-1', test: true }));
    expect(receiver.events.map((event) => event.action)).toEqual([
      'trigger',
      'trigger',
      'trigger',
      'resolve',
      'resolve',
      'resolve',
    ]);
    expect(receiver.alerts.every((alert) => alert.status === 'resolved' && alert.severity === 'info')).toBe(
      true,
    );
    expect(receiver.alerts.map((alert) => alert.dedupKey)).toEqual([
      'slokit-test:p95-latency:t-1:gpt-4o',
      'slokit-test:helpfulness:t-1',
      'slokit-test:cost-per-query:t-1',
    ]);
    expect(receiver.alerts[0]!.summary.startsWith('[TEST] ')).toBe(true);
  });

  it('reads the routing key from PAGERDUTY_ROUTING_KEY when routingKey is not set', async () => {
    const fromEnv = createPagerdutyChannel(
      'oncall',
      { url: receiver.url },
      { env: { PAGERDUTY_ROUTING_KEY: routingKey } },
    );
    await fromEnv.send(sampleAlertBatch({ channel: 'oncall' }));
    expect(receiver.events).toHaveLength(3);
  });
});

describe('pagerduty channel failures', () => {
  const shown: string[] = [];

  async function failure(send: Promise<void>): Promise<ChannelError> {
    const error = await send.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ChannelError);
    shown.push(everythingShown(error));
    return error as ChannelError;
  }

  it('retries 429 with Retry-After, and a retried batch does not resend what PagerDuty accepted', async () => {
    const oncall = channel();
    const batch = sampleAlertBatch({ channel: 'oncall', id: 'b-429' });
    await receiver.addFault({ kind: 'rate-limit', retryAfter: 30, skip: 1 });
    const error = await failure(oncall.send(batch));
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toContain('rate limited by the PagerDuty Events API (HTTP 429');
    expect(receiver.events).toHaveLength(1);

    await oncall.send(batch);
    expect(receiver.events.map((event) => event.dedupKey)).toEqual([
      'slokit:p95-latency:gpt-4o',
      'slokit:helpfulness',
      'slokit:cost-per-query',
    ]);
  });

  it('throttles at the per-key rate limit with 429', async () => {
    await receiver.stop();
    receiver = await startPagerdutyReceiver({
      routingKeys: [routingKey],
      rateLimit: { events: 2, windowMs: 60_000 },
    });
    const error = await failure(channel().send(sampleAlertBatch({ channel: 'oncall' })));
    expect(error.retryable).toBe(true);
    expect(receiver.requests.map((request) => request.status)).toEqual([202, 202, 429]);
  });

  it('retries 5xx', async () => {
    await receiver.addFault({ kind: 'status', status: 503 });
    const error = await failure(channel().send(sampleAlertBatch({ channel: 'oncall' })));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('the PagerDuty Events API failed (HTTP 503');
  });

  it('never retries 400, and says what PagerDuty rejected', async () => {
    const wrongKey = createPagerdutyChannel(
      'oncall',
      { routingKey: 'Z'.repeat(32), url: receiver.url },
      { env: {} },
    );
    const error = await failure(wrongKey.send(sampleAlertBatch({ channel: 'oncall' })));
    expect(error.retryable).toBe(false);
    expect(error.dead).toBe(false);
    expect(error.message).toBe(
      `channel 'oncall': the PagerDuty Events API rejected the message (HTTP 400 {"status":"invalid event","message":"Event object is invalid","errors":["Invalid routing key"]})`,
    );
    expect(receiver.requests).toHaveLength(1);
  });

  it('times out on a slow endpoint, retryably', async () => {
    await receiver.addFault({ kind: 'slow', delayMs: 30_000 });
    const started = Date.now();
    const error = await failure(channel({ timeout: '0.2s' }).send(sampleAlertBatch({ channel: 'oncall' })));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      "channel 'oncall': no answer from the PagerDuty Events API within 200ms (timeout)",
    );
  });

  it('retries a reset connection and a refused one', async () => {
    await receiver.addFault({ kind: 'reset' });
    const reset = await failure(channel().send(sampleAlertBatch({ channel: 'oncall' })));
    expect(reset.retryable).toBe(true);

    const port = await closedPort();
    const refused = await failure(
      createPagerdutyChannel(
        'oncall',
        { routingKey, url: `http://127.0.0.1:${port}/v2/enqueue` },
        { env: {} },
      ).send(sampleAlertBatch({ channel: 'oncall' })),
    );
    expect(refused.retryable).toBe(true);
    expect(refused.message).toBe("channel 'oncall': could not reach the PagerDuty Events API (ECONNREFUSED)");
  });

  it('never shows the routing key in an error (secret scan)', () => {
    expect(shown.length).toBeGreaterThanOrEqual(6);
    expectNoSecrets(shown, [routingKey, 'Z'.repeat(32)]);
  });
});

describe('pagerduty channel settings', () => {
  const attempt = (settings: Record<string, unknown>, env: Record<string, string> = {}) => {
    try {
      createPagerdutyChannel('oncall', settings as never, { env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('names the field and the environment variable, never the key', () => {
    expect(attempt({})).toBe(
      "channels.oncall.routingKey: missing: set routingKey (the integration key of the service's Events API v2 integration) or the PAGERDUTY_ROUTING_KEY environment variable",
    );
    const short = attempt({ routingKey: 'sekrit-but-short' });
    expect(short).toBe(
      'channels.oncall.routingKey: expected the 32-character integration key of an Events API v2 integration',
    );
    expect(attempt({}, { PAGERDUTY_ROUTING_KEY: 'sekrit-but-short' })).not.toContain('sekrit');
    expect(attempt({ routingKey, severity: { page: 'urgent' } })).toContain(
      'channels.oncall.severity.page: expected a PagerDuty severity: critical, error, warning or info',
    );
    expect(attempt({ routingKey, url: 'ftp://events.example.com' })).toBe(
      'channels.oncall.url: expected an http(s) URL',
    );
    expect(attempt({ routingKey, serviceKey: 'x' })).toBe("channels.oncall: unknown setting 'serviceKey'");
  });

  it('defaults to PagerDuty’s US endpoint and accepts the EU one', () => {
    expect(createPagerdutyChannel('oncall', { routingKey }, { env: {} }).type).toBe('pagerduty');
    expect(
      createPagerdutyChannel(
        'oncall',
        { routingKey, url: 'https://events.eu.pagerduty.com/v2/enqueue' },
        { env: {} },
      ).name,
    ).toBe('oncall');
  });
});
