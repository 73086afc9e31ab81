import { createSecretRedactor } from '@slokit/adapter-utils';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'langsmith';
import { describe, expect, it } from 'vitest';
import { toApiCallError } from './to-api-call-error.js';

const connection = {
  apiKey: 'lsv2_pt_0123456789abcdef',
  apiKeyVariable: 'LANGCHAIN_API_KEY',
  apiUrl: 'https://api.smith.langchain.com',
  workspaceId: undefined,
  webUrl: 'https://smith.langchain.com',
  timeoutMs: 30_000,
};
const request = {
  source: 'prod',
  method: 'POST',
  url: 'https://api.smith.langchain.com/api/v2/runs/query',
  connection,
  redactor: createSecretRedactor({ secrets: [connection.apiKey] }),
};
const status = (code: number, headers: Record<string, string> = {}, body: unknown = { detail: 'nope' }) =>
  APIError.generate(code, body as object, undefined, new Headers(headers));

describe('which failures are retried', () => {
  const once = { count: 1, elapsedMs: 0 };
  const verdict = (error: unknown) => {
    const failure = toApiCallError(error, request, once);
    return { retry: failure.isRetryable, retryAfterMs: failure.retryAfterMs };
  };

  it('retries 429, 5xx and broken connections, with the wait the server asked for', () => {
    expect(verdict(status(429, { 'retry-after': '7' }))).toEqual({ retry: true, retryAfterMs: 7000 });
    expect(verdict(status(503, { 'retry-after-ms': '250' }))).toEqual({ retry: true, retryAfterMs: 250 });
    expect(verdict(status(502))).toEqual({ retry: true, retryAfterMs: undefined });
    expect(verdict(new APIConnectionTimeoutError())).toEqual({ retry: true, retryAfterMs: undefined });
    expect(verdict(new SyntaxError('Unexpected end of JSON input')).retry).toBe(true);
    expect(verdict(new TypeError('terminated')).retry).toBe(true);
  });

  it('does not retry other statuses or an abort', () => {
    expect(verdict(status(400)).retry).toBe(false);
    expect(verdict(status(401)).retry).toBe(false);
    expect(verdict(status(404)).retry).toBe(false);
    expect(verdict(Object.assign(new Error('stop'), { name: 'AbortError' })).retry).toBe(false);
  });
});

describe('toApiCallError', () => {
  const once = { count: 1, elapsedMs: 10 };
  it('names the endpoint and how the retries ended', () => {
    const error = toApiCallError(status(503, {}, { detail: 'busy' }), request, {
      count: 5,
      elapsedMs: 12_340,
    });
    expect(error.message).toBe(
      "source 'prod': POST https://api.smith.langchain.com/api/v2/runs/query failed: 503 busy (gave up after 5 attempts in 12.3 s)",
    );
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true, exitCode: 3 });
  });

  it('explains a 401 with the variable and the key redacted', () => {
    const error = toApiCallError(status(401, {}, { detail: 'Invalid token' }), request, once);
    expect(error.message).toContain('LangSmith rejected the API key LANGCHAIN_API_KEY=…cdef at POST');
    expect(error.message).not.toContain('0123456789');
  });

  it('says what broke when there was no status', () => {
    expect(toApiCallError(new APIConnectionTimeoutError(), request, once).message).toBe(
      "source 'prod': POST https://api.smith.langchain.com/api/v2/runs/query timed out after 30000 ms",
    );
    expect(toApiCallError(new SyntaxError('Unexpected end of JSON input'), request, once).message).toContain(
      'returned a response that is not valid JSON (Unexpected end of JSON input)',
    );
    const refused = new APIConnectionError({
      cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    });
    expect(toApiCallError(refused, request, once).message).toContain('could not connect (ECONNREFUSED)');
  });
});
