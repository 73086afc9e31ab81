import { startTeamsReceiver, validateTeamsMessage } from '@slokit/testkit/receivers';
import { describe, expect, it } from 'vitest';
import { sampleAlertBatch, sampleAlertEvent, sampleDigestBatch } from '../sample-alert-batch.js';
import { hostileBatch, legitimateLinks } from '../test-support/hostile-batch.js';
import { httpChannelFixture } from '../test-support/http-channel-fixture.js';
import { markdownTexts, renderedMarkdown } from '../test-support/rendered-markdown.js';
import { testChannel } from '../testing/index.js';
import { createTeamsChannel } from './teams.js';
import { buildTeamsDigest, buildTeamsMessage, teamsLimits } from './teams-message.js';

const secret = 'teamsSecretSignature987';

type Card = {
  body: Array<{
    type: string;
    text?: string;
    items?: Array<{ type: string; text?: string; facts?: unknown }>;
  }>;
};
const cardOf = (message: unknown) =>
  (message as { attachments: Array<{ content: Card }> }).attachments[0]!.content;

testChannel({
  name: 'teams (Adaptive Card)',
  async setup() {
    const receiver = await startTeamsReceiver();
    return httpChannelFixture({
      receiver,
      channel: createTeamsChannel('teams', { webhookUrl: receiver.webhookUrl, timeout: '30s' }),
      timeoutChannel: createTeamsChannel('teams', { webhookUrl: receiver.webhookUrl, timeout: '0.5s' }),
      secrets: [secret],
      isTest: (request) => cardOf(request.json).body[0]!.text!.startsWith('[TEST]'),
    });
  },
});

testChannel({
  name: 'teams (legacy MessageCard)',
  async setup() {
    const receiver = await startTeamsReceiver({ legacy: true });
    return httpChannelFixture({
      receiver,
      channel: createTeamsChannel('teams', {
        webhookUrl: receiver.webhookUrl,
        format: 'messagecard',
        timeout: '30s',
      }),
      timeoutChannel: createTeamsChannel('teams', {
        webhookUrl: receiver.webhookUrl,
        format: 'messagecard',
        timeout: '0.5s',
      }),
      secrets: [secret],
      isTest: (request) => (request.json as { title: string }).title.startsWith('[TEST]'),
    });
  },
});

const bulk = Array.from({ length: 200 }, (_, index) =>
  sampleAlertEvent({
    id: `e${index}`,
    slo: `slo-${index}`,
    level: index === 77 ? 'page' : 'warning',
    description: 'd'.repeat(900),
  }),
);

describe('buildTeamsMessage', () => {
  it('an Adaptive Card with a container per event: headline, facts, links', () => {
    const message = buildTeamsMessage(sampleAlertBatch(), {
      format: 'adaptive',
      dashboardUrl: 'https://slo.example.com',
    });
    expect(validateTeamsMessage(message)).toEqual([]);
    const card = cardOf(message) as Card & { actions: unknown };
    expect(card.body[0]!.text).toBe('📟 SLO alerts: 2 firing, 1 resolved');
    const page = card.body[2]!.items!;
    expect(page[0]!.text).toBe('📟 **helpfulness** escalated critical → page');
    expect(page.find((item) => item.type === 'FactSet')!.facts).toEqual([
      { title: 'Value', value: '68.1% vs target ≥ 80% (warning < 75%, critical < 70%)' },
      { title: 'Window', value: 'over 1h, 308 samples' },
      { title: 'Budget', value: '22.1% of the error budget left, exhausted in 1.5h at this rate' },
      { title: 'Trend', value: '↓ from 77.4%' },
      { title: 'Burn rate', value: 'burning 15.9x over 1h (page)' },
    ]);
    expect(page.at(-1)!.text).toBe(
      'Worst examples: [run-7f3a](https://smith.example.com/runs/7f3a) · [Runbook](https://wiki.example.com/runbooks/helpfulness)',
    );
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'SLO dashboard', url: 'https://slo.example.com' },
    ]);
  });

  it.each(['adaptive', 'messagecard'] as const)(
    '%s: 200 events stay under 28 KB, the rest summed up',
    (format) => {
      const message = buildTeamsMessage(sampleAlertBatch({ events: bulk }), { format });
      expect(validateTeamsMessage(message)).toEqual([]);
      const text = JSON.stringify(message);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(teamsLimits.payloadBytes);
      expect(text).toMatch(/…and \d+ more/);
      expect(text).toContain('slo-77');
    },
  );

  it('a digest, both formats', () => {
    for (const format of ['adaptive', 'messagecard'] as const) {
      const message = buildTeamsDigest(sampleDigestBatch(), { format });
      expect(validateTeamsMessage(message)).toEqual([]);
      expect(JSON.stringify(message)).toContain('SLO report 2026-11-25 (UTC): 1 of 2 SLOs met');
    }
  });
});

describe('markdown in alert data (Teams)', () => {
  const rendered = (message: unknown) =>
    markdownTexts(message, ['text', 'activityTitle', 'activitySubtitle']).map(renderedMarkdown);

  it.each(['adaptive', 'messagecard'] as const)(
    '%s: segment values and notes stay text; only the runbook and example links are links, whole',
    (format) => {
      for (const batch of [hostileBatch(1), hostileBatch(60)]) {
        const texts = rendered(buildTeamsMessage(batch, { format }));
        const links = texts.flatMap((text) => text.links);
        expect(links.filter((link) => !legitimateLinks.includes(link))).toEqual([]);
        expect(texts.reduce((sum, text) => sum + text.headings, 0)).toBe(0);
        expect(texts.map((text) => text.visible).join('\n')).toContain(
          'checkout-0 [metadata.note=[pay here](https://evil.example.com/phish/0)]',
        );
      }
      expect(
        rendered(buildTeamsMessage(hostileBatch(1), { format })).flatMap((text) => text.links),
      ).toContain(legitimateLinks[0]);
    },
  );

  it('an SLO name with markdown stays text in the daily report', () => {
    const digest = sampleDigestBatch();
    digest.report.slos[0]!.name = '[x](https://evil.example.com)';
    for (const format of ['adaptive', 'messagecard'] as const) {
      expect(rendered(buildTeamsDigest(digest, { format })).flatMap((text) => text.links)).toEqual([]);
    }
  });
});

describe('teams channel', () => {
  it('a legacy connector that answers 200 with "HTTP error 429" in the body is rate limiting, not a delivery', async () => {
    const channel = createTeamsChannel(
      't',
      { webhookUrl: 'https://example.webhook.office.com/webhookb2/x' },
      {
        fetch: async () =>
          new Response(
            'Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429',
            {
              status: 200,
            },
          ),
      },
    );
    await expect(channel.send(sampleAlertBatch())).rejects.toMatchObject({ retryable: true, dead: false });
  });

  it('a Workflows webhook refuses a MessageCard: the receiver checks the format', async () => {
    const receiver = await startTeamsReceiver();
    try {
      const channel = createTeamsChannel('t', { webhookUrl: receiver.webhookUrl, format: 'messagecard' });
      await expect(channel.send(sampleAlertBatch())).rejects.toMatchObject({ retryable: false });
      expect(receiver.requests[0]!.problems).toContain(
        'a Workflows webhook takes Adaptive Cards, not MessageCards',
      );
    } finally {
      await receiver.stop();
    }
  });
});
