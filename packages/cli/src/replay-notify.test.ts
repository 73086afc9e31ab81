import { createMemorySource, createMemoryStateStore, resolveConfig } from '@slokit/core';
import { runSync } from '@slokit/engine';
import { deliverOutbox } from '@slokit/notify';
import { startPagerdutyReceiver, startSlackReceiver, startWebhookReceiver } from '@slokit/testkit/receivers';
import { describe, expect, it } from 'vitest';
import { hour, replayIncidents, replayRecords, replaySlos, replayStart } from './test-support/replay-week.js';

const secret = `whsec_${Buffer.from('replay-secret-for-the-webhook-32b').toString('base64')}`;

describe('replaying a week through sync and delivery', () => {
  it('delivers each incident to Slack, PagerDuty and a webhook in order: warning, critical, page, then resolve', {
    timeout: 180_000,
  }, async () => {
    const slack = await startSlackReceiver();
    const pagerduty = await startPagerdutyReceiver();
    const webhook = await startWebhookReceiver({ secret });
    try {
      const env = {
        SLACK_WEBHOOK_URL: slack.webhookUrl,
        PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY0000000000000000000000',
        WEBHOOK_SECRET: secret,
      };
      const config = resolveConfig(
        {
          sources: { prod: { type: 'memory' } },
          slos: replaySlos,
          channels: {
            'team-slack': { type: 'slack', webhookUrl: slack.webhookUrl },
            oncall: { type: 'pagerduty', routingKey: env.PAGERDUTY_ROUTING_KEY, url: pagerduty.url },
            hook: { type: 'webhook', url: webhook.endpointUrl, secret },
          },
          routes: [
            { match: { level: ['warning', 'ticket', 'critical'] }, to: ['team-slack', 'hook'] },
            { match: { level: 'page' }, to: ['oncall', 'team-slack', 'hook'] },
          ],
        },
        { baseDir: '/tmp' },
      );
      const store = createMemoryStateStore();
      const source = createMemorySource('prod', replayRecords());
      for (let at = replayStart + hour; at <= replayStart + 7 * 24 * hour; at += 5 * 60_000) {
        await runSync({ config, store, now: new Date(at), owner: 'replay', sources: { prod: source } });
        const delivery = await deliverOutbox({ store, config, env, now: () => at });
        expect(delivery.failed).toEqual([]);
      }

      // The webhook payloads carry the events in order; per incident: escalation up, then recovery down.
      const events = webhook.unique().flatMap(
        (request) =>
          (
            request.json as {
              data: { events: Array<{ slo: string; kind: string; level: string; at: string }> };
            }
          ).data.events,
      );
      for (const incident of replayIncidents) {
        const during = events.filter(
          (event) =>
            event.slo === incident.slo &&
            Date.parse(event.at) >= incident.start &&
            Date.parse(event.at) < incident.end + 3 * hour,
        );
        const steps = during.map((event) => `${event.kind}:${event.level}`);
        expect(steps[0], `${incident.kind} starts with an alert`).toMatch(/^fired:/);
        expect(steps.at(-1), `${incident.kind} ends resolved`).toBe('resolved:none');
        const ranks = { warning: 1, ticket: 2, critical: 3, page: 4, none: 0 } as Record<string, number>;
        const peak = during.findIndex(
          (event) => ranks[event.level] === Math.max(...during.map((candidate) => ranks[candidate.level]!)),
        );
        // Up to the peak every step escalates; after it every step calms down.
        for (let index = 1; index <= peak; index++)
          expect(ranks[during[index]!.level]!).toBeGreaterThan(ranks[during[index - 1]!.level]!);
        for (let index = peak + 1; index < during.length; index++)
          expect(ranks[during[index]!.level]!).toBeLessThan(ranks[during[index - 1]!.level]!);
        expect(during.length, `${incident.kind}: few messages`).toBeLessThanOrEqual(5);
      }
      // Slack got every message as valid Block Kit, with the SLO and its value in it.
      expect(slack.messages().length).toBe(webhook.unique().length);
      const slackText = slack
        .messages()
        .map((request) => request.body)
        .join('\n');
      for (const incident of replayIncidents) expect(slackText).toContain(incident.slo);
      // PagerDuty: the helpfulness drop and the latency spike were paged and resolved under one dedup key each.
      const paged = pagerduty.alerts.filter((alert) =>
        alert.log.some((entry) => entry.severity === 'critical'),
      );
      expect(paged.length).toBeGreaterThanOrEqual(2);
      for (const alert of paged) {
        expect(alert.log[0]?.action).toBe('trigger');
        expect(alert.log.at(-1)?.action).toBe('resolve');
        expect(alert.status).toBe('resolved');
      }
    } finally {
      await Promise.all([slack.stop(), pagerduty.stop(), webhook.stop()]);
    }
  });
});
