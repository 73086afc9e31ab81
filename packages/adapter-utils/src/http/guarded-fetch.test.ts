import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error.js';
import { findApiCallError } from '../errors/find-api-call-error.js';
import { createSecretRedactor } from '../secrets/secret-redactor.js';
import { type HostileTracker, startHostileTracker } from '../testing/hostile-tracker.js';
import { createGuardedFetch } from './guarded-fetch.js';

let tracker: HostileTracker;
beforeAll(async () => {
  tracker = await startHostileTracker();
});
afterAll(() => tracker.stop());
beforeEach(() => tracker.clear());

const guarded = createGuardedFetch({
  source: 'prod',
  redactor: createSecretRedactor({ secrets: ['k-0123456789'] }),
});

describe('createGuardedFetch', () => {
  it('passes answers that are not redirects back as they came', async () => {
    tracker.answer({ kind: 'json', status: 404, body: { detail: 'none' } });
    const response = await guarded(`${tracker.url}/runs`, { headers: { 'x-api-key': 'k-0123456789' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'none' });
  });

  it('throws a redirect as a non-retryable ApiCallError, and nothing reaches the other origin', async () => {
    tracker.answer({ kind: 'redirect', status: 308 });
    const error = await guarded(`${tracker.url}/runs/query`, {
      method: 'post',
      headers: { 'x-api-key': 'k-0123456789' },
      body: '{}',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ isRetryable: false, exitCode: 3 });
    expect((error as Error).message).toContain(
      `POST ${tracker.url}/runs/query: the endpoint redirected to ${tracker.elsewhere.url} (308)`,
    );
    expect(tracker.elsewhere.requests).toEqual([]);
    // An SDK that wraps it keeps it as the cause.
    expect(findApiCallError(new Error('Connection error.', { cause: error }))).toBe(error);
    expect(findApiCallError(new Error('other'))).toBeUndefined();
  });
});
