import type { AlertEvent } from '@slokit/core';

/**
 * Escapes text from alert data (SLO names, segment values, descriptions, example ids) for the markdown Teams and
 * Discord render, so it shows as written and never becomes a link, a mention, emphasis or a heading: every
 * markdown punctuation character gets a backslash, `://` is broken so no URL is linked automatically, and a line
 * that would start a list or a heading starts with a backslash.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~|[\]()<>#]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/^(\s*)([-+=]|\d+\.)/gm, (_, space: string, marker: string) =>
      marker.endsWith('.') ? `${space}${marker.slice(0, -1)}\\.` : `${space}\\${marker}`,
    );
}

/** Characters that end or break a markdown link destination, and whitespace. */
const linkBreakers = /[()[\]<>*`|\\\s"']/g;

function percentEncode(text: string): string {
  return text.replace(
    linkBreakers,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * An http(s) URL from data made safe as a markdown link destination: the characters that would close or split the
 * link (a `)` in a runbook URL) are percent-encoded. Null for anything that is not http(s).
 */
export function markdownUrl(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const credentials = parsed.username || parsed.password;
  const userInfo = credentials ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  // An IPv6 literal keeps its brackets; hex digits, colons and dots need no encoding.
  const host = parsed.host.startsWith('[') ? parsed.host : percentEncode(parsed.host);
  return `${parsed.protocol}//${percentEncode(userInfo)}${host}${percentEncode(`${parsed.pathname}${parsed.search}${parsed.hash}`)}`;
}

/** `[label](url)` with both made safe; the escaped label alone when the URL is not http(s). */
export function markdownLink(url: string | null | undefined, label: string): string {
  const destination = markdownUrl(url);
  return destination === null ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${destination})`;
}

/**
 * The event with the data its one-line wording shows (SLO name, segment, group-by) escaped, for the shared wording
 * functions: `eventSubject(withMarkdownData(event))` is `helpfulness [metadata.model=gpt-4o]`, safely.
 */
export function withMarkdownData(event: AlertEvent): AlertEvent {
  return {
    ...event,
    slo: escapeMarkdown(event.slo),
    segment: escapeMarkdown(event.segment),
    groupBy: event.groupBy === null ? null : escapeMarkdown(event.groupBy),
  };
}
