import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error.js';
import { type HostileTracker, startHostileTracker } from './hostile-tracker.js';

export interface TrackerSafetyFixture {
  /**
   * Reads through the adapter from a tracker at `endpoint` (its endpoint setting or variable set to it, the
   * credentials of `secrets` in its environment, retries that do not wait), and resolves to what it threw.
   */
  read(endpoint: string): Promise<unknown>;
  /** Every credential the adapter holds (API key, token, password): none may show in an error. */
  secrets: string[];
}

/**
 * The credential-safety suite every tracker adapter passes, against a hostile tracker on loopback: a redirect to
 * another origin is never followed (a clear, non-retried "redirected to <origin>" error); credentials a tracker
 * echoes back in a 401, 403 or 500 never reach an error; user-info in the endpoint URL is never printed.
 */
export function testTrackerSafety(name: string, fixture: TrackerSafetyFixture): void {
  describe(`${name}: credential safety`, () => {
    let tracker: HostileTracker;
    beforeAll(async () => {
      tracker = await startHostileTracker();
    });
    beforeEach(() => tracker.clear());
    afterAll(() => tracker.stop());

    const forms = (secret: string) => [
      secret,
      Buffer.from(secret).toString('base64'),
      encodeURIComponent(secret),
    ];
    const expectNoSecret = (error: unknown, secrets: readonly string[]) => {
      const text = describeError(error);
      for (const secret of secrets) for (const form of forms(secret)) expect(text).not.toContain(form);
    };

    it.each([301, 302, 303, 307, 308] as const)(
      'never follows a %i to another origin, and fails at once naming it',
      async (status) => {
        tracker.answer({ kind: 'redirect', status });
        const error = await fixture.read(tracker.url);
        expect(tracker.elsewhere.requests).toEqual([]);
        expect(tracker.requests).toHaveLength(1);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toContain(`redirected to ${tracker.elsewhere.url}`);
        if (ApiCallError.isInstance(error)) expect(error.isRetryable).toBe(false);
      },
    );

    it.each([401, 403, 500])('keeps the credentials a %i echoes back out of the error', async (status) => {
      tracker.answer({ kind: 'echo', status });
      const error = await fixture.read(tracker.url);
      expect(error).toBeInstanceOf(Error);
      // The attack is real: the tracker got credentials, and echoed them.
      const headers = credentialHeaders(tracker.requests[0]?.headers ?? {}, fixture.secrets);
      expect(headers.length).toBeGreaterThan(0);
      expectNoSecret(error, [...fixture.secrets, ...headers]);
    });

    it.each([
      ['user-info', 'slokit-user:url-pass-4821'],
      ['a percent-encoded password', 'slokit-user:url%2Fpass%404821'],
      ['a password with a slash, which no URL parser reads', 'slokit-user:url-pass/4821'],
    ])('never prints %s of its endpoint', async (_case, userInfo) => {
      tracker.answer({ kind: 'echo', status: 401 });
      const endpoint = tracker.url.replace('http://', `http://${userInfo}@`);
      const error = await fixture.read(endpoint);
      expect(error).toBeInstanceOf(Error);
      const password = userInfo.slice(userInfo.indexOf(':') + 1);
      expectNoSecret(error, [...fixture.secrets, password, decodeURIComponent(password), 'url-pass']);
    });
  });
}

/**
 * The values of the request headers that carry one of the secrets (Basic credentials decoded), and their
 * credential part after the scheme: how a tracker would echo them.
 */
function credentialHeaders(headers: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.values(headers).flatMap((value) => {
    const credential = /^(?:Basic|Bearer)\s+(\S+)$/i.exec(value)?.[1];
    const decoded = credential ? Buffer.from(credential, 'base64').toString('utf8') : '';
    const carries = secrets.some((secret) => value.includes(secret) || decoded.includes(secret));
    return carries ? [value, ...(credential ? [credential] : [])] : [];
  });
}

/** Everything about an error a user could see: its message, its fields, and those of its causes. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current = error;
  for (let depth = 0; depth < 5 && current !== null && current !== undefined; depth++) {
    if (current instanceof Error) {
      parts.push(current.message, String(current));
      for (const [key, value] of Object.entries(current)) {
        if (key !== 'cause') parts.push(typeof value === 'string' ? value : safeJson(value));
      }
    } else parts.push(safeJson(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
