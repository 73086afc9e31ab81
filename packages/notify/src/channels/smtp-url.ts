/**
 * `smtp://user:pass@mail.example.com:587` (STARTTLS when the server offers it) or `smtps://...:465` (TLS from the
 * first byte). User and password are URL-encoded (`%40` for `@`). A few query parameters tune the connection:
 * `requireTLS=true` (fail unless STARTTLS works), `ignoreTLS=true`, `tls.rejectUnauthorized=false` (a relay with a
 * self-signed certificate), `tls.servername=...`, `name=...` (the client's hostname in EHLO), `authMethod=LOGIN`.
 */
export interface SmtpConnection {
  host: string;
  port: number;
  /** TLS from the start (smtps). */
  secure: boolean;
  auth?: { user: string; pass: string };
  requireTLS?: boolean;
  ignoreTLS?: boolean;
  name?: string;
  authMethod?: string;
  tls?: { rejectUnauthorized?: boolean; servername?: string };
}

const booleanParameters = new Set(['requireTLS', 'ignoreTLS', 'tls.rejectUnauthorized']);
const stringParameters = new Set(['name', 'authMethod', 'tls.servername']);

/** What is wrong with an SMTP URL, worded without repeating it (it holds the password); undefined when fine. */
export function smtpUrlProblem(text: string): string | undefined {
  const parsed = parseSmtpUrl(text);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** Parses an SMTP URL into connection options, or returns what is wrong with it (never quoting it). */
export function parseSmtpUrl(text: string): SmtpConnection | string {
  if (!URL.canParse(text)) return 'expected an SMTP URL such as smtp://user:password@mail.example.com:587';
  const url = new URL(text);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    return `expected an smtp:// or smtps:// URL, not ${url.protocol}//`;
  if (url.hostname === '') return 'the SMTP URL has no host';
  if (url.pathname !== '' && url.pathname !== '/') return 'the SMTP URL must not have a path';
  const secure = url.protocol === 'smtps:';
  const connection: SmtpConnection = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
  };
  if (url.username !== '' || url.password !== '') {
    try {
      connection.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      return 'the user or password in the SMTP URL is not correctly URL-encoded';
    }
  }
  for (const [key, value] of url.searchParams) {
    if (booleanParameters.has(key)) {
      if (value !== 'true' && value !== 'false')
        return `the SMTP URL parameter '${key}' must be true or false`;
      const flag = value === 'true';
      if (key === 'requireTLS') connection.requireTLS = flag;
      else if (key === 'ignoreTLS') connection.ignoreTLS = flag;
      else connection.tls = { ...connection.tls, rejectUnauthorized: flag };
    } else if (stringParameters.has(key)) {
      if (key === 'name') connection.name = value;
      else if (key === 'authMethod') connection.authMethod = value;
      else connection.tls = { ...connection.tls, servername: value };
    } else {
      return `unknown SMTP URL parameter '${key}' (known: ${[...booleanParameters, ...stringParameters].join(', ')})`;
    }
  }
  return connection;
}

/** `mail.example.com:587`: the server, for messages (no user, no password). */
export function smtpServerName(connection: SmtpConnection): string {
  return `${connection.host.includes(':') ? `[${connection.host}]` : connection.host}:${connection.port}`;
}
