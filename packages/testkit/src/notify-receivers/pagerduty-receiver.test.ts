import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PagerdutyReceiver, startPagerdutyReceiver } from './pagerduty-receiver.js';
import { validatePagerdutyEvent } from './validate-pagerduty-event.js';

const routingKey = 'R0123456789abcdef0123456789abcde';
const trigger = (overrides: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) => ({
  routing_key: routingKey,
  event_action: 'trigger',
  dedup_key: 'slokit:helpfulness',
  payload: { summary: 'helpfulness is critical', source: 'slokit', severity: 'critical', ...payload },
  ...overrides,
});

let receiver: PagerdutyReceiver;
beforeEach(async () => {
  receiver = await startPagerdutyReceiver();
});
afterEach(async () => {
  await receiver.stop();
});

const post = (body: unknown) =>
  fetch(receiver.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  }));

describe('validatePagerdutyEvent', () => {
  it('accepts the documented examples', () => {
    expect(validatePagerdutyEvent(trigger())).toEqual([]);
    expect(
      validatePagerdutyEvent(
        trigger(
          {
            images: [{ src: 'https://example.com/a.png', href: 'https://example.com', alt: 'a' }],
            links: [{ href: 'https://example.com/', text: 'Link text' }],
            client: 'Sample Monitoring Service',
            client_url: 'https://monitoring.example.com',
          },
          {
            timestamp: '2015-07-17T08:42:58.315+0000',
            component: 'postgres',
            group: 'prod-datapipe',
            class: 'deploy',
            custom_details: { 'ping time': '1500ms', 'load avg': 0.75 },
          },
        ),
      ),
    ).toEqual([]);
    expect(
      validatePagerdutyEvent({ routing_key: routingKey, dedup_key: 'k', event_action: 'resolve' }),
    ).toEqual([]);
  });

  it('reports every broken rule and limit', () => {
    expect(
      validatePagerdutyEvent({
        routing_key: 'short',
        event_action: 'fire',
        dedup_key: 'k'.repeat(256),
        dedupKey: 'typo',
      }),
    ).toEqual([
      "'dedupKey' is not a field of an event",
      "'routing_key' must be 32 characters",
      "'event_action' must be one of trigger, acknowledge, resolve",
      "'dedup_key' must be at most 255 characters",
    ]);
    expect(
      validatePagerdutyEvent(
        trigger(
          { links: [{ text: 'no href' }], images: [{ src: 'http://insecure' }] },
          {
            summary: 's'.repeat(1025),
            source: '',
            severity: 'high',
            timestamp: 'yesterday',
            custom_details: ['not', 'an', 'object'],
            extra: 1,
          },
        ),
      ),
    ).toEqual([
      "'payload.extra' is not a field of a payload",
      "'payload.summary' must be at most 1024 characters",
      "'payload.source' is missing",
      "'payload.severity' must be one of critical, error, warning, info",
      "'payload.timestamp' must be an ISO 8601 timestamp",
      "'payload.custom_details' must be an object",
      "'links[0].href' is missing",
      "'images[0].src' must be an https URL",
    ]);
    expect(validatePagerdutyEvent({ routing_key: routingKey, event_action: 'resolve' })).toEqual([
      "'dedup_key' is required for resolve",
    ]);
  });
});

describe('startPagerdutyReceiver', () => {
  it('answers 202 with the dedup key, generating one when a trigger has none', async () => {
    expect(await post(trigger())).toEqual({
      status: 202,
      body: { status: 'success', message: 'Event processed', dedup_key: 'slokit:helpfulness' },
    });
    const generated = await post(trigger({ dedup_key: undefined }));
    expect(generated.body.dedup_key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 400 invalid event with the errors, for bad JSON and bad events', async () => {
    expect(await post('{not json')).toEqual({
      status: 400,
      body: {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ['The request body is not valid JSON'],
      },
    });
    const bad = await post(trigger({}, { severity: 'urgent' }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(["'payload.severity' must be one of critical, error, warning, info"]);
    expect(receiver.events).toEqual([]);
    expect(receiver.rejected).toHaveLength(2);
  });

  it('keeps the alert model: trigger opens, later triggers update, resolve closes, resolve without alert is dropped', async () => {
    await post({ routing_key: routingKey, event_action: 'resolve', dedup_key: 'nothing-open' });
    await post(trigger());
    await post(trigger({}, { severity: 'warning', summary: 'helpfulness is a warning' }));
    await post({ routing_key: routingKey, event_action: 'resolve', dedup_key: 'slokit:helpfulness' });
    await post(trigger());
    expect(
      receiver.alerts.map((alert) => [alert.dedupKey, alert.status, alert.severity, alert.log.length]),
    ).toEqual([
      ['slokit:helpfulness', 'resolved', 'warning', 3],
      ['slokit:helpfulness', 'triggered', 'critical', 1],
    ]);
    expect(receiver.openAlert('slokit:helpfulness')?.severity).toBe('critical');
  });

  it('rejects unknown routing keys and throttles at the rate limit', async () => {
    await receiver.stop();
    receiver = await startPagerdutyReceiver({
      routingKeys: [routingKey],
      rateLimit: { events: 1, windowMs: 60_000 },
    });
    expect((await post(trigger({ routing_key: 'Z'.repeat(32) }))).body.errors).toEqual([
      'Invalid routing key',
    ]);
    expect((await post(trigger())).status).toBe(202);
    expect((await post(trigger())).status).toBe(429);
  });

  it('injects 429 with Retry-After, 5xx, resets and refused connections', async () => {
    await receiver.addFault({ kind: 'rate-limit', retryAfter: 30 });
    const limited = await fetch(receiver.url, { method: 'POST', body: JSON.stringify(trigger()) });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '30']);
    await receiver.addFault({ kind: 'status', status: 502 });
    expect((await post(trigger())).status).toBe(502);
    await receiver.addFault({ kind: 'reset' });
    await expect(post(trigger())).rejects.toThrow();
    await receiver.addFault({ kind: 'refused' });
    await expect(post(trigger())).rejects.toThrow();
    await receiver.clearFaults();
    expect((await post(trigger())).status).toBe(202);
    expect(receiver.events).toHaveLength(1);
  });
});
