/** `url` without its password (in the authority or a `password` query parameter), safe to print and log. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/([^/@:]*):[^@/]*@/, '//$1@').replace(/([?&]password=)[^&]*/gi, '$1');
  }
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (key.toLowerCase() === 'password') parsed.searchParams.delete(key);
  }
  return parsed.toString();
}
