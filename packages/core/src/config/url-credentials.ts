import type { z } from 'zod';

/** Channel types that take `user:password@` in their URL on purpose and send it as basic auth, never in the URL. */
const basicAuthFromUrl = new Set(['alertmanager']);

/**
 * Adds an issue for every http(s) URL in a channel's settings that carries user-info (`https://user:pass@host`):
 * it would be sent, logged and shown wherever the URL goes. The issue never repeats the URL.
 */
export function refuseUrlCredentials(settings: Record<string, unknown>, context: z.RefinementCtx): void {
  if (typeof settings.type === 'string' && basicAuthFromUrl.has(settings.type)) return;
  for (const [key, value] of Object.entries(settings)) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (hasUserInfo(item)) context.addIssue({ code: 'custom', message, path: [key, index] });
      });
    } else if (hasUserInfo(value)) {
      context.addIssue({ code: 'custom', message, path: [key] });
    }
  }
}

const message = 'expected a URL without user:password@; put credentials in the channel settings or headers';

function hasUserInfo(value: unknown): boolean {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.username !== '' || url.password !== '';
}
