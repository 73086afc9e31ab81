/**
 * `url` without its password, safe to print and log: the password of the user-info (whatever characters it holds,
 * `/`, `@`, `:`, `#`, `?` included) and any `password` query parameter. The user name stays when the URL parses
 * cleanly; when it does not, or a `/`, `?` or `#` in the user-info makes its end ambiguous, the whole user-info goes.
 */
export function redactUrl(url: string): string {
  const { prefix, rest } = splitScheme(url);
  const userInfoEnd = userInfoLength(rest);
  const userInfo = userInfoEnd === undefined ? '' : rest.slice(0, userInfoEnd);
  const parsed = /[/?#]/.test(userInfo) ? undefined : parse(url);
  // Without a host (`scheme:user:password@...`), a parsed URL keeps the user-info in its path.
  if (parsed && (userInfoEnd === undefined || parsed.host !== '')) return withoutPassword(parsed);
  const host = userInfoEnd === undefined ? rest : rest.slice(userInfoEnd + 1);
  return `${prefix}${host}`.replace(/([?&]password=)[^&#]*/gi, '$1');
}

/** `scheme://` (or `scheme:`) and what follows it. */
function splitScheme(url: string): { prefix: string; rest: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/)?/i.exec(url)?.[0] ?? '';
  return { prefix: scheme, rest: url.slice(scheme.length) };
}

/**
 * Where the user-info of `authority...` ends (the index of its `@`): the last `@` before the first `/` that follows
 * an `@`. A password may hold `@` and `/`; a host holds neither, so no part of a password is left before the host.
 */
function userInfoLength(rest: string): number | undefined {
  const firstAt = rest.indexOf('@');
  if (firstAt < 0) return undefined;
  const slash = rest.indexOf('/', firstAt);
  return rest.lastIndexOf('@', slash < 0 ? rest.length : slash);
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function withoutPassword(parsed: URL): string {
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (key.toLowerCase() === 'password') parsed.searchParams.delete(key);
  }
  return parsed.toString();
}
