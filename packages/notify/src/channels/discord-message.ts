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

/** Discord's execute-webhook limits. */
export const discordLimits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Characters across every embed's title, description, field names and values, footer and author. */
  totalEmbedText: 6000,
} as const;

export interface DiscordEmbed {
  title: string;
  description?: string;
  url?: string;
  color: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  timestamp?: string;
}

export interface DiscordMessage {
  username: string;
  content: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: string[] };
}

const levelColors: Record<string, number> = {
  none: 0x2eb67d,
  warning: 0xf5a623,
  ticket: 0x4a90e2,
  critical: 0xd0021b,
  page: 0x8b0000,
};

/**
 * A batch as a Discord webhook message: a content line, then one embed per event (value vs target, window, samples,
 * budget, trend, links). Within Discord's limits whatever the batch: at most 9 events in full (the most severe when
 * not all fit) and a last embed listing the rest, ending in "and N more"; 6000 characters across embeds.
 */
export function buildDiscordMessage(
  batch: AlertBatch,
  options: { dashboardUrl?: string | undefined } = {},
): DiscordMessage {
  const title = `${batch.test ? '[TEST] ' : ''}${levelEmojis[highestLevel(batch.events)]} SLO alerts: ${batchCounts(batch.events) || 'no events'}`;
  const testNote = batch.test
    ? '\nThis is a test message sent by `slokit test-channel`: no SLO is affected.'
    : '';
  const content = truncate(
    `**${title}**${testNote}${options.dashboardUrl ? `\nDashboard: <${options.dashboardUrl}>` : ''}`,
    discordLimits.content,
  );
  const footer = `slokit · batch ${batch.id}`;
  const all = batch.events.length <= discordLimits.embeds ? [...batch.events] : bySeverity(batch.events);
  let shown = Math.min(
    all.length,
    all.length <= discordLimits.embeds ? discordLimits.embeds : discordLimits.embeds - 1,
  );
  for (; shown >= 0; shown--) {
    const embeds = all.slice(0, shown).map((event) => eventEmbed(event, batch.at, footer));
    const rest = all.slice(shown);
    if (rest.length > 0) embeds.push(summaryEmbed(rest, shown, footer));
    if (embedText(embeds) <= discordLimits.totalEmbedText) {
      return { username: 'slokit', content, embeds, allowed_mentions: { parse: [] } };
    }
  }
  return { username: 'slokit', content, embeds: [], allowed_mentions: { parse: [] } };
}

/** A digest as a Discord message: one embed with a line per SLO. */
export function buildDiscordDigest(digest: DigestBatch): DiscordMessage {
  const title = digestTitle(digest);
  const lines = digest.report.slos.map((slo) => digestLine({ ...slo, name: escapeMarkdown(slo.name) }));
  let description = '';
  let shown = 0;
  for (const line of lines) {
    const next = description ? `${description}\n${line}` : line;
    if (next.length > discordLimits.description - 40) break;
    description = next;
    shown++;
  }
  if (shown < lines.length) description += `\n…and ${lines.length - shown} more SLOs`;
  return {
    username: 'slokit',
    content: truncate(`**${title}**`, discordLimits.content),
    embeds: [
      {
        title: truncate(title, discordLimits.title),
        description: truncate(description || 'No SLOs.', discordLimits.description),
        color: levelColors.ticket!,
        footer: { text: `slokit daily report · ${digest.id}` },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

function eventEmbed(event: AlertEvent, at: string, footer: string): DiscordEmbed {
  const field = (name: string, value: string, inline = true) => ({
    name,
    value: truncate(value, discordLimits.fieldValue),
    inline,
  });
  const fields = [field('Value', valueVersusTarget(event), false), field('Window', windowAndSamples(event))];
  const budget = budgetText(event);
  if (budget) fields.push(field('Budget', budget));
  const trend = trendText(event);
  if (trend) fields.push(field('Trend', trend));
  const burn = burnText(event);
  if (burn) fields.push(field('Burn rate', burn));
  const examples = event.worstExamples.slice(0, 3).map((example, index) => {
    const label = example.id ?? `example ${index + 1}`;
    // In a code span nothing is markdown; only a backtick could end it.
    return markdownUrl(example.url) ? markdownLink(example.url, label) : `\`${label.replace(/`/g, "'")}\``;
  });
  if (examples.length > 0) fields.push(field('Worst examples', examples.join(', '), false));
  // The embed's url is a JSON field, not markdown: any http(s) URL is safe there.
  const runbook = markdownUrl(event.runbook) ? (event.runbook ?? undefined) : undefined;
  return {
    title: truncate(
      `${eventEmoji(event)} ${eventSubject(withMarkdownData(event))}: ${eventHeadline(event)}`,
      discordLimits.title,
    ),
    ...(event.description ? { description: escapeMarkdown(truncate(event.description, 500)) } : {}),
    ...(runbook ? { url: runbook } : {}),
    color: levelColors[event.kind === 'resolved' ? 'none' : event.level] ?? levelColors.warning!,
    fields: fields.slice(0, discordLimits.fields),
    footer: { text: runbook ? `${footer} · title links to the runbook` : footer },
    timestamp: at,
  };
}

function summaryEmbed(rest: readonly AlertEvent[], shown: number, footer: string): DiscordEmbed {
  const lines: string[] = [];
  const tail = (left: number) => (left > 0 ? `\n…and ${left} more` : '');
  for (const [index, event] of rest.entries()) {
    const line = `• ${truncate(eventLine(withMarkdownData(event)), 150)}`;
    if ([...lines, line].join('\n').length + tail(rest.length - index - 1).length > 1500) break;
    lines.push(line);
  }
  return {
    title: shown === 0 ? `${rest.length} events` : `${rest.length} more`,
    description: `${lines.join('\n')}${tail(rest.length - lines.length)}`,
    color: levelColors[highestLevel(rest)] ?? levelColors.warning!,
    footer: { text: footer },
  };
}

/** The characters Discord counts towards its 6000 across all embeds. */
export function embedText(embeds: readonly DiscordEmbed[]): number {
  let total = 0;
  for (const embed of embeds) {
    total += embed.title.length + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  }
  return total;
}
