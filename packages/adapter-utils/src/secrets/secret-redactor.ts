import { urlCredentials } from './url-credentials.js';

export interface SecretRedactorOptions {
  /** API keys, tokens and passwords, as configured. */
  secrets?: ReadonlyArray<string | undefined>;
  /** `Authorization` header values sent (`Basic dXNlcjpwYXNz`, `Bearer tok`): the header, its credential and, for
   * Basic, the decoded `user:password` and password. */
  authorization?: ReadonlyArray<string | undefined>;
  /** Configured endpoints: the user-info they carry, in whatever shape, is a secret. */
  urls?: ReadonlyArray<string | undefined>;
}

/** Removes a source's secrets from any text before it is shown: an error message, a response body. */
export interface SecretRedactor {
  redact(text: string): string;
}

/** Shorter values would garble every message they were cut out of, and guard nothing. */
const minimumLength = 3;
const replacement = '***';
/** User-info in any URL of the text (`https://user:pass@host`). */
const urlUserInfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]*@/gi;
/** A credential after an auth scheme, whoever's it is: an echoed header of another kind of key. */
const schemeCredential = /\b(Basic|Bearer)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * The one redactor of a source: it knows the source's secrets (API key, token, password, the Basic or Bearer header
 * sent, credentials in configured URLs) and cuts them out of text, however the tracker echoed them back: as sent,
 * JSON-escaped, percent-encoded or base64-encoded. Credentials after `Basic`/`Bearer` and user-info in any URL go
 * too, known or not.
 */
export function createSecretRedactor(options: SecretRedactorOptions = {}): SecretRedactor {
  const known = new Set<string>();
  for (const secret of options.secrets ?? []) if (secret) addForms(known, secret);
  for (const header of options.authorization ?? []) if (header) addAuthorization(known, header);
  for (const url of options.urls ?? [])
    if (url) for (const secret of urlCredentials(url)) addForms(known, secret);
  // Longest first: a header goes whole before the credential inside it.
  const secrets = [...known]
    .filter((secret) => secret.length >= minimumLength)
    .sort((a, b) => b.length - a.length);
  return {
    redact(text) {
      let result = text;
      for (const secret of secrets)
        if (result.includes(secret)) result = result.split(secret).join(replacement);
      return result.replace(urlUserInfo, '$1').replace(schemeCredential, `$1$2${replacement}`);
    },
  };
}

function addForms(known: Set<string>, secret: string): void {
  known.add(secret);
  known.add(JSON.stringify(secret).slice(1, -1));
  known.add(encodeURIComponent(secret));
  known.add(Buffer.from(secret).toString('base64'));
}

function addAuthorization(known: Set<string>, header: string): void {
  known.add(header);
  const [scheme, credential] = header.trim().split(/\s+/, 2);
  if (credential === undefined) {
    addForms(known, header.trim());
    return;
  }
  known.add(credential);
  if (scheme?.toLowerCase() !== 'basic') return;
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  addForms(known, decoded);
  const colon = decoded.indexOf(':');
  if (colon !== -1) addForms(known, decoded.slice(colon + 1));
}
