/**
 * `url` without its password, safe to print and log: the password of the user-info, whatever characters it holds
 * (`/`, `@`, `:`, `#`, `?` included), and any `password` query parameter. The user-info ends at the last `@`: a
 * host never holds one, so no part of a password can be left before the host. When a `/`, `?` or `#` comes before
 * that `@`, a password holds it (or the path or query holds an `@`): the whole user-info goes, user name too.
 */
export function redactUrl(url: string): string {
  const { prefix, rest } = splitScheme(url);
  const at = rest.lastIndexOf('@');
  const ambiguous = at >= 0 && /[/?#]/.test(rest.slice(0, at));
  const parsed = ambiguous ? undefined : parse(url);
  // Without a host (`scheme:user:password@...`), a parsed URL keeps the user-info in its path.
  if (parsed && (at < 0 || parsed.host !== '')) return withoutPassword(parsed);
  return `${prefix}${rest.slice(at + 1)}`.replace(/([?&]password=)[^&#]*/gi, '$1');
}

/** `scheme://` (or `scheme:`) and what follows it. */
function splitScheme(url: string): { prefix: string; rest: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/)?/i.exec(url)?.[0] ?? '';
  return { prefix: scheme, rest: url.slice(scheme.length) };
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
