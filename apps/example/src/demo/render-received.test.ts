import type { AlertBatch } from '@slokit/core';
import { sampleAlertBatch } from '@slokit/notify';
import { createPagerdutyChannel } from '@slokit/notify/pagerduty';
import { createSlackChannel } from '@slokit/notify/slack';
import { createWebhookChannel } from '@slokit/notify/webhook';
import type { PagerdutyAcceptedEvent, ReceivedRequest } from '@slokit/testkit/receivers';
import { describe, expect, it } from 'vitest';
import {
  mrkdwnToText,
  pagerdutyEventText,
  pagerdutyLine,
  slackEvents,
  slackMessageLines,
  slackTitle,
  webhookEvents,
} from './render-received.js';

/** The bodies a channel posts for a batch, captured instead of sent. */
async function posted(
  create: (fetch: typeof globalThis.fetch) => { send(batch: AlertBatch): Promise<void> },
  batch: AlertBatch,
  answer: { status: number; body: string },
): Promise<unknown[]> {
  const bodies: unknown[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    bodies.push(JSON.parse(String(init?.body)));
    return new Response(answer.status === 204 ? null : answer.body, { status: answer.status });
  };
  await create(fetch).send(batch);
  return bodies;
}

// A warning that fired, a page escalation and a recovery, as @slokit/notify's samples make them.
const batch = sampleAlertBatch({ channel: 'demo' });

describe('rendering what the receivers got', () => {
  it('shows a Slack message as text: its title, each event, its fields and links', async () => {
    const [message] = await posted(
      (fetch) =>
        createSlackChannel('slack', { webhookUrl: 'https://hooks.slack.com/services/T/B/x' }, { fetch }),
      batch,
      { status: 200, body: 'ok' },
    );
    expect(slackTitle(message)).toBe('📟 SLO alerts: 2 firing, 1 resolved');
    expect(slackEvents(message)).toEqual([
      'p95-latency [metadata.model=gpt-4o]: fired warning',
      'helpfulness: escalated critical → page',
      'cost-per-query: resolved (was warning)',
    ]);
    const lines = slackMessageLines(message);
    expect(lines[0]).toBe('📟 SLO alerts: 2 firing, 1 resolved');
    expect(lines).toContain('Runbook: https://wiki.example.com/runbooks/helpfulness');
    expect(lines.some((line) => /^ {2}Value: .+ vs target/.test(line))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/\*|<https?:|&gt;|`/);
  });

  it('turns Slack mrkdwn into plain text', () => {
    expect(
      mrkdwnToText('🔴 *helpfulness* fired _critical_ in `batch` <https://x.example/r|run-1> &gt; 5'),
    ).toBe('🔴 helpfulness fired critical in batch run-1 > 5');
  });

  it('tells the same events from the webhook payload', async () => {
    const [payload] = await posted(
      (fetch) => createWebhookChannel('webhook', { url: 'https://ops.example.com/hook' }, { fetch }),
      batch,
      { status: 204, body: '' },
    );
    const slack = await posted(
      (fetch) =>
        createSlackChannel('slack', { webhookUrl: 'https://hooks.slack.com/services/T/B/x' }, { fetch }),
      batch,
      { status: 200, body: 'ok' },
    );
    expect(webhookEvents({ json: payload } as ReceivedRequest)).toEqual(slackEvents(slack[0]));
  });

  it('shows a PagerDuty trigger with its severity and summary, and a resolve by its dedup key', async () => {
    const bodies = (await posted(
      (fetch) =>
        createPagerdutyChannel('pagerduty', { routingKey: 'R0123456789ABCDEF0123456789ABCDE' }, { fetch }),
      batch,
      { status: 202, body: '{"status":"success"}' },
    )) as Array<Record<string, unknown> & { event_action: 'trigger' | 'resolve'; dedup_key: string }>;
    const events: PagerdutyAcceptedEvent[] = bodies.map((body) => ({
      routingKey: String(body.routing_key),
      action: body.event_action,
      dedupKey: body.dedup_key,
      body,
    }));
    expect(events.map(pagerdutyEventText)).toEqual([
      'p95-latency [gpt-4o]: trigger warning',
      'helpfulness: trigger critical',
      'cost-per-query: resolve',
    ]);
    expect(pagerdutyLine(events[0]!)).toMatch(/^trigger · severity \w+ · .+ \(dedup_key slokit:[\w:.-]+\)$/);
    expect(pagerdutyLine(events.at(-1)!)).toMatch(/^resolve \(dedup_key slokit:[\w:.-]+\)$/);
  });
});
