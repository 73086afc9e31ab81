import type { PagerdutyAcceptedEvent, ReceivedRequest } from '@slokit/testkit/receivers';

interface TextObject {
  type: string;
  text: string;
}

interface SlackBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: TextObject[];
}

/** Slack's mrkdwn as a terminal shows it: `*bold*` and `_italic_` unmarked, `<url|label>` as the label. */
export function mrkdwnToText(text: string): string {
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, (_link, url: string, label: string) =>
      label === 'Runbook' ? `Runbook: ${url}` : label,
    )
    .replace(/<([^>]+)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A Block Kit message as the text a reader sees in Slack: the header, each section's text with its fields as
 * `label: value`, and the context line.
 */
export function slackMessageLines(body: unknown): string[] {
  const blocks = ((body as { blocks?: SlackBlock[] }).blocks ?? []) as SlackBlock[];
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'header' && block.text) lines.push(block.text.text);
    if (block.type === 'section') {
      if (block.text) lines.push(...mrkdwnToText(block.text.text).split('\n'));
      const fields = (block.fields ?? []).map((field) => {
        const [label, ...value] = mrkdwnToText(field.text).split('\n');
        return `${label}: ${value.join(' ')}`;
      });
      if (fields.length > 0) lines.push(...fields.map((field) => `  ${field}`));
    }
    if (block.type === 'context')
      lines.push(...(block.elements ?? []).map((element) => mrkdwnToText(element.text)));
  }
  return lines;
}

/** The Slack message's header: `🔴 SLO alerts: 1 firing`. */
export function slackTitle(body: unknown): string {
  const header = ((body as { blocks?: SlackBlock[] }).blocks ?? []).find((block) => block.type === 'header');
  return header?.text?.text ?? String((body as { text?: unknown }).text ?? '');
}

/** A PagerDuty event in one line: action, severity, summary and dedup key. */
export function pagerdutyLine(event: PagerdutyAcceptedEvent): string {
  const payload = event.body.payload as { summary?: string; severity?: string } | undefined;
  if (event.action === 'trigger') {
    return `trigger · severity ${payload?.severity ?? '?'} · ${payload?.summary ?? ''} (dedup_key ${event.dedupKey})`;
  }
  return `${event.action} (dedup_key ${event.dedupKey})`;
}

/** What each event of a Slack message says happened, from its section's first line: `helpfulness: fired warning`. */
export function slackEvents(body: unknown): string[] {
  const blocks = ((body as { blocks?: SlackBlock[] }).blocks ?? []) as SlackBlock[];
  return blocks.flatMap((block) => {
    if (block.type !== 'section' || !block.text) return [];
    const match = /^\S+ \*(.+?)\* (.+)$/.exec(block.text.text.split('\n')[0] ?? '');
    return match ? [`${mrkdwnToText(match[1]!)}: ${match[2]}`] : [];
  });
}

interface WebhookEvent {
  slo: string;
  segment: string;
  groupBy: string | null;
  kind: string;
  level: string;
  previousLevel: string;
}

/** The events of a webhook batch in the words of the other channels: `helpfulness: escalated warning → critical`. */
export function webhookEvents(request: ReceivedRequest): string[] {
  const payload = request.json as { type?: string; data?: { events?: WebhookEvent[] } };
  if (payload.type === 'slokit.digest') return ['daily report'];
  return (payload.data?.events ?? []).map((event) => {
    const subject = event.segment
      ? `${event.slo} [${event.groupBy ?? 'segment'}=${event.segment}]`
      : event.slo;
    const change =
      event.kind === 'fired'
        ? `fired ${event.level}`
        : event.kind === 'resolved'
          ? `resolved (was ${event.previousLevel})`
          : event.kind === 'repeated'
            ? `still ${event.level}`
            : `${event.kind === 'deescalated' ? 'de-escalated' : 'escalated'} ${event.previousLevel} → ${event.level}`;
    return `${subject}: ${change}`;
  });
}

/** A PagerDuty event as `helpfulness: trigger critical` or `helpfulness: resolve` (from its dedup key). */
export function pagerdutyEventText(event: PagerdutyAcceptedEvent): string {
  const payload = event.body.payload as {
    severity?: string;
    custom_details?: { slo?: string; segment?: string };
  };
  const subject = payload?.custom_details?.slo
    ? `${payload.custom_details.slo}${payload.custom_details.segment ? ` [${payload.custom_details.segment}]` : ''}`
    : event.dedupKey.replace(/^slokit:/, '');
  return `${subject}: ${event.action}${payload?.severity ? ` ${payload.severity}` : ''}`;
}
