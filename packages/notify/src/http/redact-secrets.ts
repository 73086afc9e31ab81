/** A URL, also as a server may echo it: with JSON-escaped slashes (`https:\/\/`) or percent-encoded. */
const urlPattern = /\b[a-z][a-z0-9+.-]*(?::\/\/|:\\\/\\\/|%3A%2F%2F)[^\s"'<>]+/gi;

/** Setting names whose values are credentials (or, for URLs, carry them): never shown in messages or stored. */
const secretKeys = new Set([
  'url',
  'webhookurl',
  'routingkey',
  'secret',
  'smtp',
  'password',
  'pass',
  'token',
  'apikey',
  'headers',
  'endpointheaders',
]);

/**
 * The strings of a channel's settings that must never appear in an error, a log or the state store: every value
 * under a credential-like key (URLs, routing keys, webhook secrets, SMTP URLs, custom header values), and the parts
 * of each URL a server might echo back (its path and query, user and password).
 */
export function channelSecrets(settings: unknown): string[] {
  const secrets = new Set<string>();
  const add = (value: string) => {
    if (value.length < 4) return;
    secrets.add(value);
    if (value.startsWith('whsec_')) secrets.add(value.slice('whsec_'.length));
    const parsed = URL.canParse(value) ? new URL(value) : undefined;
    if (!parsed) return;
    const path = `${parsed.pathname}${parsed.search}`;
    if (path.length > 1) secrets.add(path);
    if (parsed.pathname.length > 1) secrets.add(parsed.pathname);
    // A server may echo one part alone: the token segment of a webhook path, a `sig=` query value.
    for (const part of [...parsed.pathname.split('/'), ...[...parsed.searchParams.values()]]) {
      if (looksSecret(part)) secrets.add(part);
    }
    if (parsed.password) secrets.add(decodeURIComponent(parsed.password));
    if (parsed.username) secrets.add(decodeURIComponent(parsed.username));
  };
  const walk = (value: unknown, secret: boolean) => {
    if (typeof value === 'string') {
      if (secret || value.startsWith('whsec_') || /:\/\//.test(value)) add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, secret);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value))
        walk(item, secret || secretKeys.has(key.toLowerCase()));
    }
  };
  walk(settings, false);
  // Longest first, so a URL is replaced whole before its path is.
  return [...secrets].flatMap(echoedForms).sort((a, b) => b.length - a.length);
}

/** A secret as a server may echo it back: as is, percent-encoded, with JSON-escaped slashes (`\/`), in base64. */
function echoedForms(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  return [...new Set([secret, encodeURIComponent(secret), secret.replaceAll('/', '\\/'), base64])];
}

const secretVariable = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|WEBHOOK|SMTP|_URL$|_DSN$/i;

/**
 * The values of environment variables that look like credentials (`PAGERDUTY_ROUTING_KEY`, `SMTP_URL`,
 * `SLACK_WEBHOOK_URL`, ...): channels may fall back to them when the config sets nothing, so errors are cleaned of
 * them too.
 */
export function environmentSecrets(env: Record<string, string | undefined>): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => secretVariable.test(name) && value !== undefined && value.length >= 8)
    .map(([, value]) => value as string);
  return channelSecrets({ secret: values });
}

/** A URL part that looks like a key rather than a word: long, with digits or mixed case. */
function looksSecret(part: string): boolean {
  return part.length >= 8 && (/\d/.test(part) || (/[a-z]/.test(part) && /[A-Z]/.test(part)));
}

/** Replaces every secret with `***` and every URL with `<url>`: what is left is safe to print and to store. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('***');
  return result.replace(urlPattern, '<url>');
}
