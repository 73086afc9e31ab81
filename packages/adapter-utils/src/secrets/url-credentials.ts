/** `scheme://` and everything up to the last `@` before the path's query or fragment: where user-info hides. */
const userInfo = /^([a-z][a-z0-9+.-]*:\/\/)([^?#\s]*)@/i;

/**
 * The URL without its user-info, for messages: `https://user:pass@host/x` becomes `https://host/x`. Whatever the
 * user-info holds (`https://u:p/ss@host`, which no URL parser reads as a password), everything before the last `@`
 * of the address goes, so a password is never printed even when the URL is malformed.
 */
export function stripUrlCredentials(url: string): string {
  return url.trim().replace(userInfo, '$1');
}

/**
 * The secrets a URL's user-info carries, as a server or a URL parser could echo them: the user-info as written, its
 * password part, and their percent-decoded forms. Empty when the URL has none.
 */
export function urlCredentials(url: string): string[] {
  const match = userInfo.exec(url.trim());
  if (!match) return [];
  const info = match[2]!;
  const colon = info.indexOf(':');
  const parts = colon === -1 ? [info] : [info, info.slice(colon + 1)];
  return [...new Set(parts.flatMap((part) => [part, safeDecode(part)]))].filter((part) => part !== '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An endpoint URL with its user-info taken off (and decoded). */
export interface UrlWithoutCredentials {
  /** The URL without user-info, as `URL` serializes it. */
  url: string;
  username: string;
  password: string;
}

/**
 * Parses an endpoint URL and takes its user-info off. Undefined when the text is not a URL, or when its user-info is
 * ambiguous: an `@` that a URL parser reads as part of the path (`https://u:p/ss@host` is host `u`, port `p`) while
 * a person reads a password, which would then be sent to the wrong host and printed with the path.
 */
export function splitUrlCredentials(text: string): UrlWithoutCredentials | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const username = safeDecode(url.username);
  const password = safeDecode(url.password);
  if (username === '' && password === '' && urlCredentials(text).length > 0) return undefined;
  url.username = '';
  url.password = '';
  return { url: url.toString(), username, password };
}
