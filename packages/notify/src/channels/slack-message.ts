import { type AlertBatch, type AlertEvent, type DigestBatch, formatValue } from '@slokit/core';
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
} from '../message/alert-text.js';
import { digestLine, digestTitle } from '../message/digest-text.js';
import { escapeSlack, slackLink } from '../message/slack-text.js';

/** Block Kit limits (docs.slack.dev/reference/block-kit/blocks) and the undocumented total (`msg_blocks_too_long`). */
export const slackLimits = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  blockId: 255,
  text: 40_000,
  /** Slack rejects messages whose blocks hold much more than ~13k characters in all: stay well below. */
  totalBlockText: 11_000,
  /** Events shown in full before the rest become one summary line each. */
  detailedEvents: 20,
} as const;

type TextObject = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string };

export type SlackBlock =
  | { type: 'header'; block_id: string; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; block_id: string; text: TextObject; fields?: TextObject[] }
  | { type: 'context'; block_id: string; elements: TextObject[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackMessageOptions {
  /** Linked from the message, and from the summary when not every event fits. */
  dashboardUrl?: string | undefined;
}

/**
 * A batch as a Block Kit message: a header, one section per event (status emoji, value vs target, window, samples,
 * budget left, trend, links to the worst examples and the runbook), a context line. Within every Block Kit limit
 * whatever the batch: past what fits, the most severe events are shown in full and the rest summed up, one line
 * each, ending in "and N more".
 */
export function buildSlackMessage(batch: AlertBatch, options: SlackMessageOptions = {}): SlackMessage {
  const blockId = (suffix: string) => `slokit-${batch.id}-${suffix}`.slice(0, slackLimits.blockId);
  const counts = batchCounts(batch.events) || 'no events';
  const title = `${batch.test ? '[TEST] ' : ''}${levelEmojis[highestLevel(batch.events)]} SLO alerts: ${counts}`;
  const head: SlackBlock[] = [
    {
      type: 'header',
      block_id: blockId('header'),
      text: { type: 'plain_text', text: truncate(title, slackLimits.headerText), emoji: true },
    },
  ];
  if (batch.test) {
    head.push({
      type: 'section',
      block_id: blockId('test'),
      text: {
        type: 'mrkdwn',
        text: '*This is a test message* sent by `slokit test-channel`: the events below are samples, no SLO is affected.',
      },
    });
  }
  const context: SlackBlock = {
    type: 'context',
    block_id: blockId('context'),
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(
          `slokit · ${formatTime(batch.at)} · batch \`${batch.id}\`${options.dashboardUrl ? ` · ${slackLink(options.dashboardUrl, 'SLO dashboard')}` : ''}`,
          slackLimits.sectionText,
        ),
      },
    ],
  };

  // Room for event sections: the header (and test note), the context line, and a summary if needed.
  const room = slackLimits.blocks - head.length - 2;
  // Every event in full, when there are few enough (checked first: a batch can hold thousands of events).
  if (batch.events.length <= Math.min(room + 1, slackLimits.detailedEvents)) {
    const all = batch.events.map((event, index) => eventSection(event, blockId(`e${index}`)));
    if (textLength([...head, ...all, context]) <= slackLimits.totalBlockText) {
      return { text: fallbackText(title, batch.events), blocks: [...head, ...all, context] };
    }
  }
  // Degrade: the most severe first, as many as fit with the summary, then one line for each of the rest.
  const ordered = bySeverity(batch.events);
  let sections: SlackBlock[] = [];
  let summary = summarySection(ordered, 0, blockId('more'), options);
  for (const [index, event] of ordered.entries()) {
    const next = [...sections, eventSection(event, blockId(`e${index}`))];
    const nextSummary = summarySection(ordered, index + 1, blockId('more'), options);
    const candidate = nextSummary ? [...next, nextSummary] : next;
    if (next.length > Math.min(room, slackLimits.detailedEvents) || !fitsText(head, candidate, context))
      break;
    sections = next;
    summary = nextSummary;
  }
  const blocks = [...head, ...sections, ...(summary ? [summary] : []), context];
  return { text: fallbackText(title, batch.events), blocks };
}

/** A digest (the report of a period) as a Block Kit message: one line per SLO, in as few sections as fit. */
export function buildSlackDigest(digest: DigestBatch, options: SlackMessageOptions = {}): SlackMessage {
  const blockId = (suffix: string) => `slokit-${digest.id}-${suffix}`.slice(0, slackLimits.blockId);
  const title = digestTitle(digest);
  const lines = digest.report.slos.map((slo) => escapeSlack(digestLine(slo)));
  const sections: SlackBlock[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    sections.push({
      type: 'section',
      block_id: blockId(`s${sections.length}`),
      text: { type: 'mrkdwn', text: truncate(current.join('\n'), slackLimits.sectionText) },
    });
    current = [];
  };
  let shown = 0;
  for (const line of lines) {
    if ([...current, line].join('\n').length > slackLimits.sectionText) flush();
    if (sections.length >= slackLimits.blocks - 3) break;
    current.push(line);
    shown++;
  }
  flush();
  if (shown < lines.length) {
    sections.push({
      type: 'section',
      block_id: blockId('more'),
      text: { type: 'mrkdwn', text: `…and ${lines.length - shown} more SLOs` },
    });
  }
  const compliance =
    digest.report.compliance === null
      ? ''
      : ` · compliance ${formatValue(digest.report.compliance, 'percent')}`;
  return {
    text: title,
    blocks: [
      {
        type: 'header',
        block_id: blockId('header'),
        text: { type: 'plain_text', text: truncate(title, slackLimits.headerText), emoji: true },
      },
      ...sections,
      {
        type: 'context',
        block_id: blockId('context'),
        elements: [
          {
            type: 'mrkdwn',
            text: `slokit daily report${compliance} · \`${digest.id}\`${options.dashboardUrl ? ` · ${slackLink(options.dashboardUrl, 'SLO dashboard')}` : ''}`,
          },
        ],
      },
    ],
  };
}

function eventSection(event: AlertEvent, blockId: string): SlackBlock {
  const lines = [
    `${eventEmoji(event)} *${escapeSlack(eventSubject(event))}* ${escapeSlack(eventHeadline(event))}`,
  ];
  if (event.description) lines.push(`_${escapeSlack(truncate(event.description, 300))}_`);
  const links = [
    ...event.worstExamples
      .slice(0, 3)
      .map((example, index) => slackLink(example.url, example.id ?? `example ${index + 1}`)),
  ];
  if (links.length > 0) lines.push(`Worst examples: ${links.join(', ')}`);
  if (event.runbook) lines.push(slackLink(event.runbook, 'Runbook'));
  const field = (label: string, value: string): TextObject => ({
    type: 'mrkdwn',
    text: truncate(`*${label}*\n${escapeSlack(value)}`, slackLimits.fieldText),
  });
  const fields: TextObject[] = [
    field('Value', valueVersusTarget(event)),
    field('Window', windowAndSamplesText(event)),
  ];
  const budget = budgetText(event);
  if (budget) fields.push(field('Budget', budget));
  const trend = trendText(event);
  if (trend) fields.push(field('Trend', trend));
  const burn = burnText(event);
  if (burn) fields.push(field('Burn rate', burn));
  return {
    type: 'section',
    block_id: blockId,
    text: { type: 'mrkdwn', text: truncate(lines.join('\n'), slackLimits.sectionText) },
    fields: fields.slice(0, slackLimits.fields),
  };
}

function windowAndSamplesText(event: AlertEvent): string {
  return `${event.window ?? 'all records'} · ${event.samples.toLocaleString('en-US')} samples`;
}

/** One line for each event from `from` on, as many as fit in a section, then "and N more". */
function summarySection(
  ordered: readonly AlertEvent[],
  from: number,
  blockId: string,
  options: SlackMessageOptions,
): SlackBlock | undefined {
  const rest = ordered.slice(from);
  if (rest.length === 0) return undefined;
  const link = options.dashboardUrl
    ? `\n${slackLink(options.dashboardUrl, 'See every SLO in the dashboard')}`
    : '';
  const lines: string[] = [];
  const tail = (left: number) => (left > 0 ? `\n…and ${left} more` : '');
  for (const [index, event] of rest.entries()) {
    const line = `• ${escapeSlack(truncate(eventLine(event), 200))}`;
    const text = [...lines, line].join('\n') + tail(rest.length - index - 1) + link;
    if (text.length > 2000) break;
    lines.push(line);
  }
  const heading = from === 0 ? `*${rest.length} events*` : `*${rest.length} more*`;
  return {
    type: 'section',
    block_id: blockId,
    text: {
      type: 'mrkdwn',
      text: `${heading}\n${lines.join('\n')}${tail(rest.length - lines.length)}${link}`,
    },
  };
}

function fitsText(head: SlackBlock[], middle: SlackBlock[], context: SlackBlock): boolean {
  return textLength([...head, ...middle, context]) <= slackLimits.totalBlockText;
}

function textLength(blocks: readonly SlackBlock[]): number {
  let total = 0;
  for (const block of blocks) {
    if (block.type === 'context') for (const element of block.elements) total += element.text.length;
    else {
      total += block.text.text.length;
      if (block.type === 'section') for (const field of block.fields ?? []) total += field.text.length;
    }
  }
  return total;
}

function fallbackText(title: string, events: readonly AlertEvent[]): string {
  const lines = events.slice(0, 5).map((event) => eventLine(event));
  const more = events.length > 5 ? `\n…and ${events.length - 5} more` : '';
  return truncate(`${title}\n${lines.join('\n')}${more}`, 3000);
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
