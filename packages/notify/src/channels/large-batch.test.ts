import { randomBytes } from 'node:crypto';
import type { AlertBatch } from '@slokit/core';
import {
  startDiscordReceiver,
  startHttpReceiver,
  startPagerdutyReceiver,
  startSlackReceiver,
  startTeamsReceiver,
  startWebhookReceiver,
  validatePagerdutyEvent,
} from '@slokit/testkit/receivers';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleAlertEvent } from '../sample-alert-batch.js';
import { createAlertmanagerChannel } from './alertmanager.js';
import type { PostableAlert } from './alertmanager-alert.js';
import { consoleEventsPerBatch, renderConsoleBatch } from './console.js';
import { createDiscordChannel } from './discord.js';
import { emailLimits, renderAlertEmail } from './email-message.js';
import { createPagerdutyChannel } from './pagerduty.js';
import { pagerdutyEventsPerBatch } from './pagerduty-overflow.js';
import { createSlackChannel } from './slack.js';
import { createTeamsChannel } from './teams.js';
import { createWebhookChannel } from './webhook.js';
import type { WebhookAlertsPayload } from './webhook-payload.js';

/** A `groupBy` with 20,000 values all breaching at once: one batch of 20,000 events, a few page-level ones. */
function hugeBatch(count = 20_000): AlertBatch {
  const events = Array.from({ length: count }, (_, index) =>
    sampleAlertEvent({
      id: `tenant-${index}`,
      groupBy: 'metadata.tenant',
      segment: `tenant-${String(index).padStart(5, '0')}`,
      kind: index % 10 === 9 ? 'resolved' : 'fired',
      level: index % 10 === 9 ? 'none' : index % 1000 === 0 ? 'page' : 'warning',
      previousLevel: index % 10 === 9 ? 'warning' : 'none',
    }),
  );
  return sampleAlertBatch({ id: 'huge', channel: 'c', events });
}

const megabyte = 1024 * 1024;

describe('a batch of 20,000 events (groupBy with 20,000 values)', () => {
  const batch = hugeBatch();

  it('webhook: bounded parts, each signed with its own webhook-id, every event once, in order', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const receiver = await startWebhookReceiver({ secret });
    try {
      await createWebhookChannel('c', { url: receiver.endpointUrl, secret }).send(batch);
      const requests = receiver.messages();
      expect(requests.length).toBe(40);
      for (const request of requests) expect(Buffer.byteLength(request.body)).toBeLessThan(megabyte);
      // Each part is signed over its own body (checked on the first: verifying 20 MB takes a while).
      expect(new Webhook(secret).verify(requests[0]!.body, requests[0]!.headers)).toBeTruthy();
      expect(requests.every((request) => request.problems.length === 0)).toBe(true);
      const payloads = requests.map((request) => request.json as WebhookAlertsPayload);
      expect(payloads.flatMap((payload) => payload.data.events.map((event) => event.id))).toEqual(
        batch.events.map((event) => event.id),
      );
      expect(payloads.map((payload) => payload.data.part)).toEqual(
        payloads.map((_, index) => ({ index: index + 1, count: 40 })),
      );
      expect(requests.map((request) => request.headers['webhook-id'])).toEqual(
        payloads.map((_, index) => `huge-part-${index + 1}-of-40`),
      );
      expect(payloads.every((payload) => payload.data.batchId === 'huge')).toBe(true);
    } finally {
      await receiver.stop();
    }
  });

  it('webhook: a retry after a failed part sends only the parts that did not go through', async () => {
    const fourParts = hugeBatch(2000);
    const receiver = await startWebhookReceiver();
    let requests = 0;
    const flaky: typeof fetch = (url, init) =>
      ++requests === 3 ? Promise.resolve(new Response('busy', { status: 503 })) : fetch(url, init);
    try {
      const channel = createWebhookChannel('c', { url: receiver.endpointUrl }, { fetch: flaky });
      await expect(channel.send(fourParts)).rejects.toMatchObject({ retryable: true });
      expect(receiver.messages()).toHaveLength(2);
      await channel.send(fourParts);
      expect(receiver.messages().map((request) => request.headers['webhook-id'])).toEqual(
        Array.from({ length: 4 }, (_, index) => `huge-part-${index + 1}-of-4`),
      );
    } finally {
      await receiver.stop();
    }
  });

  it('PagerDuty: at most 100 requests: the most severe events, then one alert saying what was left out', async () => {
    const routingKey = 'R0UTINGKEYHUGEBATCH0123456789abc';
    const receiver = await startPagerdutyReceiver({ routingKeys: [routingKey] });
    try {
      await createPagerdutyChannel('c', { routingKey, url: receiver.url }, { env: {} }).send(batch);
      expect(receiver.requests).toHaveLength(pagerdutyEventsPerBatch);
      expect(receiver.rejected).toEqual([]);
      for (const request of receiver.requests)
        expect(validatePagerdutyEvent(JSON.parse(request.body))).toEqual([]);
      const keys = receiver.events.map((event) => event.dedupKey);
      // The 20 page-level events come first among those sent (in the batch's order), the note last.
      for (const index of [0, 1000, 19_000])
        expect(keys).toContain(`slokit:helpfulness:tenant-${String(index).padStart(5, '0')}`);
      expect(keys.at(-1)).toBe('slokit-overflow');
      const note = receiver.alerts.find((alert) => alert.dedupKey === 'slokit-overflow')!;
      expect(note).toMatchObject({ status: 'triggered', severity: 'warning' });
      expect(note.summary).toBe('slokit: 19,901 more SLO alert events not sent');
      const details = (JSON.parse(receiver.requests.at(-1)!.body) as { payload: { custom_details: unknown } })
        .payload.custom_details;
      expect(details).toMatchObject({ omitted: 19_901, firing: 17_901, resolved: 2000 });
    } finally {
      await receiver.stop();
    }
  });

  // Fewer events: formatting an alert's annotations takes a while, and the split is the same past 500.
  it('Alertmanager: posts of at most 500 alerts each, every alert once, in order', async () => {
    const threeParts = hugeBatch(1200);
    const receiver = await startHttpReceiver({ handle: () => ({ status: 200, accepted: true }) });
    try {
      await createAlertmanagerChannel('c', { url: receiver.url }, { env: {} }).send(threeParts);
      const posts = receiver.accepted().map((request) => request.json as PostableAlert[]);
      expect(posts.map((alerts) => alerts.length)).toEqual([500, 500, 200]);
      expect(receiver.accepted().map((request) => request.headers['idempotency-key'])).toEqual([
        'huge-part-1-of-3',
        'huge-part-2-of-3',
        'huge-part-3-of-3',
      ]);
      expect(posts.flat().map((alert) => alert.labels.segment)).toEqual(
        threeParts.events.map((event) => event.segment),
      );
      for (const request of receiver.requests)
        expect(Buffer.byteLength(request.body)).toBeLessThan(2 * megabyte);
    } finally {
      await receiver.stop();
    }
  });

  it('Slack, Teams and Discord: one message within each service’s limits', async () => {
    const slack = await startSlackReceiver();
    const teams = await startTeamsReceiver();
    const discord = await startDiscordReceiver();
    try {
      await createSlackChannel('c', { webhookUrl: slack.webhookUrl }).send(batch);
      await createTeamsChannel('c', { webhookUrl: teams.webhookUrl }).send(batch);
      await createDiscordChannel('c', { webhookUrl: discord.webhookUrl }).send(batch);
      for (const receiver of [slack, teams, discord]) {
        expect(receiver.requests.map((request) => [request.accepted, request.problems])).toEqual([
          [true, []],
        ]);
        expect(receiver.requests[0]!.body).toMatch(/and \d+ more/);
      }
    } finally {
      await Promise.all([slack.stop(), teams.stop(), discord.stop()]);
    }
  });

  it('email: the most severe events in the table and in detail, and how many more', () => {
    const email = renderAlertEmail(batch, { subjectPrefix: '[slokit]' });
    expect(Buffer.byteLength(email.html)).toBeLessThan(megabyte);
    expect(Buffer.byteLength(email.text)).toBeLessThan(megabyte);
    expect(email.text).toContain('SLO alerts at 2026-11-26 14:00 UTC (20000 events)');
    expect(email.text).toContain(
      `…and ${(20_000 - emailLimits.summaryRows).toLocaleString('en-US')} more events (not listed: see the dashboard)`,
    );
    expect(email.html).toContain('…and 19,950 more events (not detailed: the most severe come first)');
    expect(email.text.indexOf('tenant-00000')).toBeLessThan(email.text.indexOf('tenant-00001'));
  });

  it('console: the most severe events, then how many more', () => {
    const text = renderConsoleBatch(batch);
    expect(text.split('\n').length).toBeLessThan(consoleEventsPerBatch * 4 + 4);
    expect(text).toContain('…and 19,900 more events (the most severe are shown)');
  });
});
