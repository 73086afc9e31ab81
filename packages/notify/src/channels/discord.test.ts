import { startDiscordReceiver, validateDiscordMessage } from '@slokit/testkit/receivers';
import { describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleAlertEvent, sampleDigestBatch } from '../sample-alert-batch.js';
import { hostileBatch, legitimateLinks } from '../test-support/hostile-batch.js';
import { httpChannelFixture } from '../test-support/http-channel-fixture.js';
import { markdownTexts, renderedMarkdown } from '../test-support/rendered-markdown.js';
import { testChannel } from '../testing/index.js';
import { createDiscordChannel } from './discord.js';
import { buildDiscordDigest, buildDiscordMessage, discordLimits, embedText } from './discord-message.js';

testChannel({
  name: 'discord',
  async setup() {
    const receiver = await startDiscordReceiver();
    return httpChannelFixture({
      receiver,
      channel: createDiscordChannel('discord', { webhookUrl: receiver.webhookUrl, timeout: '30s' }),
      timeoutChannel: createDiscordChannel('discord', { webhookUrl: receiver.webhookUrl, timeout: '0.5s' }),
      secrets: ['discordSecretToken_abcdef'],
      isTest: (request) => (request.json as { content: string }).content.startsWith('**[TEST]'),
    });
  },
});

describe('buildDiscordMessage', () => {
  it('one embed per event with value, window, budget, trend, burn, worst examples; the title links the runbook', () => {
    const message = buildDiscordMessage(sampleAlertBatch(), { dashboardUrl: 'https://slo.example.com' });
    expect(validateDiscordMessage(message)).toEqual([]);
    expect(message.content).toBe(
      '**📟 SLO alerts: 2 firing, 1 resolved**\nDashboard: <https://slo.example.com>',
    );
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const page = message.embeds[1]!;
    expect(page).toMatchObject({
      title: '📟 helpfulness: escalated critical → page',
      url: 'https://wiki.example.com/runbooks/helpfulness',
      color: 0x8b0000,
      timestamp: '2026-11-26T14:00:00.000Z',
    });
    expect(page.fields!.map((field) => field.name)).toEqual([
      'Value',
      'Window',
      'Budget',
      'Trend',
      'Burn rate',
      'Worst examples',
    ]);
    expect(page.fields!.at(-1)!.value).toBe('[run-7f3a](https://smith.example.com/runs/7f3a), `run-91c2`');
    expect(message.embeds[2]!.color).toBe(0x2eb67d);
  });

  it('200 events: 9 in full (most severe first) and a tenth embed with the rest, within 6000 characters', () => {
    const events = Array.from({ length: 200 }, (_, index) =>
      sampleAlertEvent({
        id: `e${index}`,
        slo: `slo-${index}`,
        level: index === 120 ? 'page' : 'warning',
        description: 'd'.repeat(700),
      }),
    );
    const message = buildDiscordMessage(sampleAlertBatch({ events }));
    expect(validateDiscordMessage(message)).toEqual([]);
    expect(message.embeds.length).toBeLessThanOrEqual(discordLimits.embeds);
    expect(embedText(message.embeds)).toBeLessThanOrEqual(discordLimits.totalEmbedText);
    expect(message.embeds[0]!.title).toContain('slo-120');
    const last = message.embeds.at(-1)!;
    expect(last.title).toBe(`${200 - (message.embeds.length - 1)} more`);
    const listed = last.description!.split('\n').filter((line) => line.startsWith('• ')).length;
    expect(message.embeds.length - 1 + listed + Number(/…and (\d+) more/.exec(last.description!)![1])).toBe(
      200,
    );
  });

  it('a digest', () => {
    const message = buildDiscordDigest(sampleDigestBatch());
    expect(validateDiscordMessage(message)).toEqual([]);
    expect(message.embeds[0]!.description).toContain('⚠️ helpfulness: 79.1% vs ≥ 80% (at risk)');
  });
});

describe('markdown in alert data (Discord)', () => {
  const rendered = (message: unknown) =>
    markdownTexts(message, ['content', 'title', 'description', 'name', 'value', 'text']).map(
      renderedMarkdown,
    );

  it('segment values and notes stay text; only the example links are links, whole', () => {
    for (const batch of [hostileBatch(1), hostileBatch(60)]) {
      const message = buildDiscordMessage(batch);
      expect(validateDiscordMessage(message)).toEqual([]);
      const texts = rendered(message);
      expect(texts.flatMap((text) => text.links).filter((link) => !legitimateLinks.includes(link))).toEqual(
        [],
      );
      expect(texts.reduce((sum, text) => sum + text.headings, 0)).toBe(0);
      expect(texts.map((text) => text.visible).join('\n')).toContain(
        'checkout-0 [metadata.note=[pay here](https://evil.example.com/phish/0)]',
      );
    }
    const single = buildDiscordMessage(hostileBatch(1));
    expect(rendered(single).flatMap((text) => text.links)).toEqual([legitimateLinks[1]]);
    // The embed's title links the runbook through its url field (JSON, not markdown): the whole URL.
    expect(single.embeds[0]!.url).toBe('https://wiki.example.com/search?q=latency)&team=ml');
  });

  it('an SLO name with markdown stays text in the daily report', () => {
    const digest = sampleDigestBatch();
    digest.report.slos[0]!.name = '[x](https://evil.example.com)';
    expect(rendered(buildDiscordDigest(digest)).flatMap((text) => text.links)).toEqual([]);
  });
});

describe('discord channel', () => {
  it('429 with only the body retry_after (seconds) is retried after it', async () => {
    const channel = createDiscordChannel(
      'd',
      { webhookUrl: 'https://discord.com/api/webhooks/1/x' },
      {
        fetch: async () =>
          new Response(
            JSON.stringify({ message: 'You are being rate limited.', retry_after: 2.5, global: false }),
            { status: 429 },
          ),
      },
    );
    await expect(channel.send(sampleAlertBatch())).rejects.toMatchObject({
      retryable: true,
      retryAfterMs: 2500,
    });
  });

  it('a deleted webhook (404 Unknown Webhook) is dead', async () => {
    const receiver = await startDiscordReceiver();
    try {
      const channel = createDiscordChannel('d', { webhookUrl: `${receiver.url}/api/webhooks/1/deleted` });
      const error = await channel.send(sampleAlertBatch()).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ dead: true, retryable: false });
      expect((error as Error).message).toContain('HTTP 404 {"code":10015,"message":"Unknown Webhook"}');
    } finally {
      await receiver.stop();
    }
  });
});
