import { type AlertEvent, ConfigError } from '@slokit/core';
import { type SlackReceiver, startSlackReceiver, validateSlackMessage } from '@slokit/testkit/receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleAlertEvent, sampleDigestBatch } from '../sample-alert-batch.js';
import { httpChannelFixture } from '../test-support/http-channel-fixture.js';
import { testChannel } from '../testing/index.js';
import { createSlackChannel } from './slack.js';
import { buildSlackDigest, buildSlackMessage, type SlackBlock, slackLimits } from './slack-message.js';

const token = 'xoxSlackSecretToken42';

testChannel({
  name: 'slack',
  async setup() {
    const receiver = await startSlackReceiver({ token });
    return httpChannelFixture({
      receiver,
      channel: createSlackChannel('team-slack', { webhookUrl: receiver.webhookUrl, timeout: '30s' }),
      timeoutChannel: createSlackChannel('team-slack', { webhookUrl: receiver.webhookUrl, timeout: '0.5s' }),
      secrets: [token, new URL(receiver.webhookUrl).pathname],
      isTest: (request) =>
        (
          (request.json as { blocks: SlackBlock[] }).blocks[0] as { text: { text: string } }
        ).text.text.startsWith('[TEST]'),
    });
  },
});

const texts = (blocks: SlackBlock[]) =>
  blocks.flatMap((block) =>
    block.type === 'context'
      ? block.elements.map((element) => element.text)
      : [
          block.text.text,
          ...(block.type === 'section' ? (block.fields ?? []).map((field) => field.text) : []),
        ],
  );

function manyEvents(count: number, overrides: Partial<AlertEvent> = {}): AlertEvent[] {
  return Array.from({ length: count }, (_, index) =>
    sampleAlertEvent({
      id: `e${index}`,
      slo: `slo-${index}`,
      level: index === 150 ? 'page' : index % 2 === 0 ? 'warning' : 'critical',
      description: 'x'.repeat(500),
      ...overrides,
    }),
  );
}

describe('buildSlackMessage', () => {
  it('shows each event: status emoji, value vs target, window, samples, budget, trend, burn, worst examples, runbook', () => {
    const message = buildSlackMessage(sampleAlertBatch({ id: 'b1' }), {
      dashboardUrl: 'https://slo.example.com',
    });
    expect(validateSlackMessage(message)).toEqual([]);
    const [header, warning, page, resolved, context] = message.blocks;
    expect(header).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: '📟 SLO alerts: 2 firing, 1 resolved' },
    });
    expect(warning).toMatchObject({
      type: 'section',
      text: {
        text: '🟠 *p95-latency [metadata.model=gpt-4o]* fired warning\nWorst examples: <https://smith.example.com/runs/7f3a|run-7f3a>, `run-91c2`',
      },
    });
    expect(texts([warning!])).toContain('*Value*\n3.4s vs target ≤ 2s (warning &gt; 3s, critical &gt; 5s)');
    expect(texts([warning!])).toContain('*Window*\n1h · 308 samples');
    expect(texts([warning!])).toContain('*Trend*\n↑ from 2.1s');
    expect(texts([page!]).join('\n')).toContain('📟 *helpfulness* escalated critical → page');
    expect(texts([page!])).toContain(
      '*Budget*\n22.1% of the error budget left, exhausted in 1.5h at this rate',
    );
    expect(texts([page!])).toContain('*Burn rate*\nburning 15.9x over 1h (page)');
    expect(texts([page!])).toContain('*Value*\n68.1% vs target ≥ 80% (warning &lt; 75%, critical &lt; 70%)');
    expect(texts([page!]).join('\n')).toContain('<https://wiki.example.com/runbooks/helpfulness|Runbook>');
    expect(texts([resolved!]).join('\n')).toContain('✅ *cost-per-query* resolved (was warning)');
    expect(context).toMatchObject({
      type: 'context',
      elements: [
        { text: 'slokit · 2026-11-26 14:00 UTC · batch `b1` · <https://slo.example.com|SLO dashboard>' },
      ],
    });
    expect(message.text).toContain('📟 SLO alerts: 2 firing, 1 resolved');
    expect(message.blocks.every((block) => block.block_id.startsWith('slokit-b1-'))).toBe(true);
  });

  it('marks a test batch in the header and says no SLO is affected', () => {
    const message = buildSlackMessage(sampleAlertBatch({ test: true }));
    expect(texts(message.blocks)[0]).toMatch(/^\[TEST\] /);
    expect(texts(message.blocks)[1]).toContain('This is a test message');
  });

  it('degrades a batch of 200 events into the most severe in full plus a summary ending in "and N more"', () => {
    const message = buildSlackMessage(sampleAlertBatch({ id: 'big', events: manyEvents(200) }), {
      dashboardUrl: 'https://slo.example.com',
    });
    expect(validateSlackMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(slackLimits.blocks);
    const sections = message.blocks.filter((block) => block.type === 'section' && block.fields);
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.length).toBeLessThanOrEqual(slackLimits.detailedEvents);
    // The page goes first, then the criticals.
    expect(texts([sections[0]!])[0]).toContain('*slo-150*');
    expect(texts([sections[1]!])[0]).toContain('🔴');
    const summary = message.blocks.find((block) => block.block_id === 'slokit-big-more')!;
    const summaryText = texts([summary])[0]!;
    const listed = summaryText.split('\n').filter((line) => line.startsWith('• ')).length;
    const more = Number(/…and (\d+) more/.exec(summaryText)?.[1]);
    expect(sections.length + listed + more).toBe(200);
    expect(summaryText).toContain('<https://slo.example.com|See every SLO in the dashboard>');
    const total = texts(message.blocks).reduce((sum, text) => sum + text.length, 0);
    expect(total).toBeLessThanOrEqual(slackLimits.totalBlockText);
  });

  it('keeps every text within its limit: a long SLO name, description and segment are cut', () => {
    const long = sampleAlertEvent({
      slo: 's'.repeat(400),
      segment: 'g'.repeat(3000),
      description: 'd'.repeat(5000),
    });
    const message = buildSlackMessage(sampleAlertBatch({ events: [long, long] }));
    expect(validateSlackMessage(message)).toEqual([]);
  });

  it('escapes mrkdwn and never links a URL that is not http(s)', () => {
    const event = sampleAlertEvent({
      slo: 'a<b>&c',
      runbook: 'javascript:alert(1)',
      worstExamples: [{ id: 'x|y>', url: 'https://e.example.com/a|b', timestamp: null, value: 1 }],
    });
    const text = texts(buildSlackMessage(sampleAlertBatch({ events: [event] })).blocks).join('\n');
    expect(text).toContain('*a&lt;b&gt;&amp;c*');
    expect(text).toContain('`Runbook`');
    expect(text).toContain('<https://e.example.com/a%7Cb|x¦y&gt;>');
    expect(validateSlackMessage(buildSlackMessage(sampleAlertBatch({ events: [event] })))).toEqual([]);
  });

  it('renders a digest: one line per SLO', () => {
    const message = buildSlackDigest(sampleDigestBatch());
    expect(validateSlackMessage(message)).toEqual([]);
    expect(texts(message.blocks)[0]).toBe('SLO report 2026-11-25 (UTC): 1 of 2 SLOs met');
    expect(texts(message.blocks)[1]).toBe(
      '⚠️ helpfulness: 79.1% vs ≥ 80% (at risk), 42% of the budget left, 1 alert\n✅ p95-latency: 1.65s vs ≤ 2s (ok)',
    );
  });
});

describe('slack channel', () => {
  let receiver: SlackReceiver;
  beforeAll(async () => {
    receiver = await startSlackReceiver({ token });
  });
  afterAll(() => receiver.stop());

  it('delivers a batch of 200 events that the receiver accepts as valid Block Kit', async () => {
    const channel = createSlackChannel('s', { webhookUrl: receiver.webhookUrl });
    await channel.send(sampleAlertBatch({ id: 'b200', events: manyEvents(200) }));
    const last = receiver.requests.at(-1)!;
    expect(last.status).toBe(200);
    expect(last.headers['idempotency-key']).toBe('b200');
  });

  it('the receiver rejects what Slack rejects: more than 50 blocks is 400 invalid_payload, not retried', async () => {
    const blocks = Array.from({ length: 51 }, (_, index) => ({
      type: 'section',
      block_id: `b${index}`,
      text: { type: 'mrkdwn', text: 'x' },
    }));
    const response = await fetch(receiver.webhookUrl, {
      method: 'POST',
      body: JSON.stringify({ text: 't', blocks }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('invalid_payload');
    expect(receiver.requests.at(-1)!.problems).toEqual(['51 blocks: at most 50']);
  });

  it.each([
    [404, 'channel_not_found'],
    [410, 'channel_is_archived'],
  ])('%i %s: the webhook is dead, and the error says so without the URL', async (status, body) => {
    await receiver.fault({ kind: 'status', status });
    try {
      const channel = createSlackChannel('team-slack', { webhookUrl: receiver.webhookUrl });
      const error = await channel.send(sampleAlertBatch()).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'ChannelError', dead: true, retryable: false });
      expect((error as Error).message).toBe(
        `channel 'team-slack': the Slack webhook is gone (HTTP ${status} ${body}): the endpoint no longer exists; messages to it are marked dead until channels.team-slack points at a working endpoint`,
      );
    } finally {
      await receiver.fault(null);
    }
  });

  it('a 200 without ok is not a delivery', async () => {
    const fake = createSlackChannel(
      's',
      { webhookUrl: 'https://hooks.slack.invalid/services/T/B/x' },
      { fetch: async () => new Response('no_text', { status: 200 }) },
    );
    await expect(fake.send(sampleAlertBatch())).rejects.toMatchObject({ retryable: false, dead: false });
  });

  it('validates its settings, naming the field and never the value', () => {
    expect(() => createSlackChannel('team', { webhookUrl: 'not a url xoxSecret' })).toThrow(ConfigError);
    expect(() => createSlackChannel('team', { webhookUrl: 'not a url xoxSecret' })).toThrow(
      'channels.team.webhookUrl: expected an http(s) URL',
    );
    expect(() =>
      createSlackChannel('team', { webhookUrl: 'https://x.example.com', timeout: 'soon' }),
    ).toThrow('channels.team.timeout: expected a duration such as 5s, 0.5s or 1m');
    expect(() =>
      createSlackChannel('team', { webhookUrl: 'https://x.example.com', channel: '#x' } as never),
    ).toThrow("channels.team: unknown setting 'channel'");
  });
});
