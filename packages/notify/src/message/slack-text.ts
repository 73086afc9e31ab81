/** Escapes text for Slack mrkdwn: `&`, `<` and `>` are control characters there. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mrkdwn link `<url|label>`; a URL that is not http(s) is not linked (the label is shown as code). */
export function slackLink(url: string | null, label: string): string {
  if (url === null || !isHttpUrl(url)) return `\`${escapeSlack(label)}\``;
  const safe = url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/ /g, '%20');
  return `<${safe}|${escapeSlack(label).replace(/\|/g, '¦')}>`;
}

export function isHttpUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const protocol = new URL(url).protocol;
  return protocol === 'https:' || protocol === 'http:';
}
