/**
 * What an error body says, kept short: `detail` (a string, or FastAPI's list of `{loc, msg}`), `reason`, `message`,
 * `error` and `error_code` of a JSON body; the title or the text of an HTML page; else the text itself.
 */
export function describeErrorBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    return summarizeText(trimmed);
  }
  if (body === null || typeof body !== 'object') return String(body);
  const fields = body as Record<string, unknown>;
  const parts: string[] = [];
  const detail = fields.detail;
  if (Array.isArray(detail)) parts.push(describeValidationDetail(detail));
  else if (detail !== undefined && detail !== null)
    parts.push(typeof detail === 'string' ? detail : JSON.stringify(detail));
  for (const key of ['reason', 'message', 'error']) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '' && !parts.includes(value)) parts.push(value);
  }
  if (typeof fields.error_code === 'string') parts.push(`error_code ${fields.error_code}`);
  return shorten(parts.join(' '));
}

function describeValidationDetail(detail: unknown[]): string {
  return detail
    .slice(0, 5)
    .map((entry) => {
      const item = entry as { loc?: unknown[]; msg?: unknown };
      const loc = Array.isArray(item.loc) ? item.loc.join('.') : '';
      return `${loc ? `${loc}: ` : ''}${String(item.msg ?? JSON.stringify(entry))}`;
    })
    .join('; ');
}

function summarizeText(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = /<[a-z!/][^>]*>/i.test(text)
    ? (title ?? text)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : text;
  return shorten(plain);
}

function shorten(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
