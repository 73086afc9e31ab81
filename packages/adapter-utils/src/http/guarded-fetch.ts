import { stripUrlCredentials } from '../secrets/url-credentials.js';
import { failureError } from './failure-error.js';
import type { HttpSettings } from './http-settings.js';
import { redirectOrigin } from './redirect-origin.js';

/**
 * A fetch for a vendor SDK that never follows a redirect: the SDK's request goes out with `redirect: 'manual'`, and
 * a redirect answer is thrown as the same non-retryable ApiCallError `requestJson` raises ("the endpoint redirected
 * to <origin>"), so credentials never reach another origin. Every other answer goes back to the SDK as it came.
 * SDKs wrap what their fetch throws (the error is then the `cause` of theirs): `findApiCallError` finds it again.
 */
export function createGuardedFetch(
  settings: Pick<HttpSettings, 'source' | 'redactor' | 'describe' | 'fetch'>,
): typeof globalThis.fetch {
  const send = settings.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const response = await send(input, { ...init, redirect: 'manual' });
    const redirected =
      response.type === 'opaqueredirect' ||
      (response.status >= 300 && response.status < 400 && response.status !== 304);
    if (!redirected) return response;
    await response.body?.cancel().catch(() => {});
    const url = input instanceof Request ? input.url : String(input);
    throw failureError(
      {
        kind: 'redirect',
        status: response.status,
        origin: redirectOrigin(response.headers.get('location'), url),
        method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
        url: stripUrlCredentials(url),
        path: new URL(url).pathname,
      },
      settings,
    );
  };
}
