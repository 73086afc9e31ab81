/** The origin a redirect points at (never its user-info, path or query), for messages. */
export function redirectOrigin(location: string | null, requestUrl: string): string {
  if (location === null || location.trim() === '') return 'an address it did not give';
  try {
    const target = new URL(location, requestUrl);
    return target.origin === 'null' ? `a ${target.protocol} address` : target.origin;
  } catch {
    return 'an invalid address';
  }
}
