import type { AlertBatch, AlertEvent, DigestBatch } from '@slokit/core';
import {
  batchCounts,
  budgetText,
  burnText,
  bySeverity,
  eventEmoji,
  eventHeadline,
  eventLine,
  eventSubject,
  highestLevel,
  levelEmojis,
  trendText,
  truncate,
  valueVersusTarget,
  windowAndSamples,
} from '../message/alert-text.js';
import { digestLine, digestTitle } from '../message/digest-text.js';
import { escapeMarkdown, markdownLink, markdownUrl, withMarkdownData } from '../message/markdown-text.js';

/** What Teams accepts: a webhook message of at most ~28 KB; legacy MessageCards show at most 10 sections. */
export const teamsLimits = {
  payloadBytes: 28_000,
  messageCardSections: 10,
  /** Events shown in full before the rest become one line each. */
  detailedEvents: 15,
} as const;

export type TeamsFormat = 'adaptive' | 'messagecard';

export interface TeamsMessageOptions {
  format: TeamsFormat;
  dashboardUrl?: string | undefined;
}

type Json = Record<string, unknown>;

const levelColors: Record<string, string> = {
  none: '2EB67D',
  warning: 'F5A623',
  ticket: '4A90E2',
  critical: 'D0021B',
  page: '8B0000',
};

/**
 * A batch as a Teams webhook message: an Adaptive Card (1.4) in the `message` envelope that Teams Workflows webhooks
 * take, or a legacy connector MessageCard. Never more than Teams accepts: past `detailedEvents`, or when the payload
 * would pass 28 KB, the most severe events are shown in full and the rest one line each, ending in "and N more".
 */
export function buildTeamsMessage(batch: AlertBatch, options: TeamsMessageOptions): Json {
  const title = `${batch.test ? '[TEST] ' : ''}${levelEmojis[highestLevel(batch.events)]} SLO alerts: ${batchCounts(batch.events) || 'no events'}`;
  const footer = `slokit · ${batch.at.slice(0, 16).replace('T', ' ')} UTC · batch ${batch.id}`;
  const build = (detailed: readonly AlertEvent[], rest: readonly AlertEvent[]) =>
    options.format === 'adaptive'
      ? adaptiveCard(batch, title, footer, detailed, rest, options)
      : messageCard(batch, title, footer, detailed, rest, options);
  const limit =
    options.format === 'messagecard' ? teamsLimits.messageCardSections - 2 : teamsLimits.detailedEvents;
  const all = batch.events.length <= limit ? [...batch.events] : bySeverity(batch.events);
  for (let shown = Math.min(all.length, limit); shown >= 0; shown--) {
    const message = build(all.slice(0, shown), all.slice(shown));
    if (Buffer.byteLength(JSON.stringify(message)) <= teamsLimits.payloadBytes) return message;
  }
  return build([], all);
}

/** A digest as a Teams message: one line per SLO. */
export function buildTeamsDigest(digest: DigestBatch, options: TeamsMessageOptions): Json {
  const title = digestTitle(digest);
  let lines = digest.report.slos.map((slo) => digestLine({ ...slo, name: escapeMarkdown(slo.name) }));
  for (;;) {
    const text = lines.join('\n\n');
    const message =
      options.format === 'adaptive'
        ? envelope({
            ...cardBase(),
            body: [
              { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text, wrap: true },
            ],
          })
        : {
            '@type': 'MessageCard',
            '@context': 'https://schema.org/extensions',
            summary: title,
            title,
            text,
          };
    if (Buffer.byteLength(JSON.stringify(message)) <= teamsLimits.payloadBytes || lines.length <= 1)
      return message;
    const keep = Math.floor(lines.length / 2);
    lines = [...lines.slice(0, keep), `…and ${digest.report.slos.length - keep} more SLOs`];
  }
}

function facts(event: AlertEvent): Array<{ title: string; value: string }> {
  const list = [
    { title: 'Value', value: valueVersusTarget(event) },
    { title: 'Window', value: windowAndSamples(event) },
  ];
  const budget = budgetText(event);
  if (budget) list.push({ title: 'Budget', value: budget });
  const trend = trendText(event);
  if (trend) list.push({ title: 'Trend', value: trend });
  const burn = burnText(event);
  if (burn) list.push({ title: 'Burn rate', value: burn });
  return list;
}

function linksMarkdown(event: AlertEvent): string | null {
  const links = event.worstExamples
    .slice(0, 3)
    .filter((example) => markdownUrl(example.url) !== null)
    .map((example, index) => markdownLink(example.url, example.id ?? `example ${index + 1}`));
  const runbook = markdownUrl(event.runbook);
  const parts = [
    links.length > 0 ? `Worst examples: ${links.join(', ')}` : null,
    runbook ? `[Runbook](${runbook})` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join(' · ');
}

function summaryLines(rest: readonly AlertEvent[]): string {
  const shown = rest.slice(0, 30).map((event) => `- ${truncate(eventLine(withMarkdownData(event)), 200)}`);
  return [...shown, ...(rest.length > shown.length ? [`…and ${rest.length - shown.length} more`] : [])].join(
    '\n',
  );
}

function cardBase(): Json {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
  };
}

function envelope(card: Json): Json {
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}

function adaptiveCard(
  batch: AlertBatch,
  title: string,
  footer: string,
  detailed: readonly AlertEvent[],
  rest: readonly AlertEvent[],
  options: TeamsMessageOptions,
): Json {
  const body: Json[] = [
    {
      type: 'TextBlock',
      text: title,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: highestLevel(batch.events) === 'none' ? 'Good' : 'Attention',
    },
  ];
  if (batch.test) {
    body.push({
      type: 'TextBlock',
      text: 'This is a test message sent by `slokit test-channel`: the events below are samples, no SLO is affected.',
      wrap: true,
      isSubtle: true,
    });
  }
  for (const event of detailed) {
    const links = linksMarkdown(event);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'TextBlock',
          text: `${eventEmoji(event)} **${eventSubject(withMarkdownData(event))}** ${eventHeadline(event)}`,
          wrap: true,
        },
        ...(event.description
          ? [
              {
                type: 'TextBlock',
                text: escapeMarkdown(truncate(event.description, 300)),
                wrap: true,
                isSubtle: true,
              },
            ]
          : []),
        { type: 'FactSet', facts: facts(event) },
        ...(links ? [{ type: 'TextBlock', text: links, wrap: true }] : []),
      ],
    });
  }
  if (rest.length > 0) {
    body.push({
      type: 'TextBlock',
      text: `**${detailed.length === 0 ? `${rest.length} events` : `${rest.length} more`}**\n\n${summaryLines(rest)}`,
      wrap: true,
      separator: true,
    });
  }
  body.push({ type: 'TextBlock', text: footer, wrap: true, isSubtle: true, size: 'Small' });
  const card: Json = { ...cardBase(), body };
  if (options.dashboardUrl) {
    card.actions = [{ type: 'Action.OpenUrl', title: 'SLO dashboard', url: options.dashboardUrl }];
  }
  return envelope(card);
}

function messageCard(
  batch: AlertBatch,
  title: string,
  footer: string,
  detailed: readonly AlertEvent[],
  rest: readonly AlertEvent[],
  options: TeamsMessageOptions,
): Json {
  const sections: Json[] = detailed.map((event) => ({
    activityTitle: `${eventEmoji(event)} **${eventSubject(withMarkdownData(event))}** ${eventHeadline(event)}`,
    ...(event.description ? { activitySubtitle: escapeMarkdown(truncate(event.description, 300)) } : {}),
    facts: facts(event).map((fact) => ({ name: fact.title, value: fact.value })),
    ...(linksMarkdown(event) ? { text: linksMarkdown(event) } : {}),
    markdown: true,
  }));
  if (rest.length > 0) {
    sections.push({
      activityTitle: detailed.length === 0 ? `${rest.length} events` : `${rest.length} more`,
      text: summaryLines(rest),
      markdown: true,
    });
  }
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: title,
    themeColor: levelColors[highestLevel(batch.events)],
    title,
    ...(batch.test
      ? {
          text: 'This is a test message sent by `slokit test-channel`: the events below are samples, no SLO is affected.',
        }
      : {}),
    sections: [...sections, { text: footer, markdown: true }],
    ...(options.dashboardUrl
      ? {
          potentialAction: [
            {
              '@type': 'OpenUri',
              name: 'SLO dashboard',
              targets: [{ os: 'default', uri: options.dashboardUrl }],
            },
          ],
        }
      : {}),
  };
}
