import type { z } from 'zod';

/**
 * Settings where `user:password@` is the documented way to pass credentials: the Alertmanager channel sends it as
 * basic auth, never in the URL. Everywhere else fetch would refuse the URL at send time, or leak it.
 */
const credentialUrlSettings: Readonly<Record<string, string>> = { alertmanager: 'url' };

const message = 'expected a URL without user:password@; put credentials in the channel settings or headers';

/**
 * Adds an issue for every http(s) URL in a channel's settings that carries user-info (`https://user:pass@host`):
 * it would be sent, logged and shown wherever the URL goes. The issue never repeats the URL.
 */
export function refuseUrlCredentials(settings: Record<string, unknown>, context: z.RefinementCtx): void {
  const allowed = typeof settings.type === 'string' ? credentialUrlSettings[settings.type] : undefined;
  for (const [key, value] of Object.entries(settings)) {
    if (key === allowed) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (hasUserInfo(item)) context.addIssue({ code: 'custom', message, path: [key, index] });
      });
    } else if (hasUserInfo(value)) {
      context.addIssue({ code: 'custom', message, path: [key] });
    }
  }
}

function hasUserInfo(value: unknown): boolean {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.username !== '' || url.password !== '';
}
