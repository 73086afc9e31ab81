import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiCallError } from '../errors/api-call-error.js';
import { createSecretRedactor } from '../secrets/secret-redactor.js';
import {
  type HostileTracker,
  type LoopbackServer,
  type ReceivedRequest,
  startHostileTracker,
  startLoopbackServer,
} from '../testing/hostile-tracker.js';
import type { HttpSettings } from './http-settings.js';
import { requestBytes, requestJson } from './request-json.js';

type Handler = (request: ReceivedRequest, response: ServerResponse) => void;

let server: LoopbackServer;
let handlers: Handler[];
let tracker: HostileTracker;
let sleeps: number[];

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    const handler = handlers.shift() ?? ((_request, answer) => answer.end('{"ok": true}'));
    handler(request, response);
  });
  tracker = await startHostileTracker();
});
afterAll(async () => {
  await server.stop();
  await tracker.stop();
});
beforeEach(() => {
  handlers = [];
  sleeps = [];
  server.requests.length = 0;
  tracker.clear();
});

const key = 'key-0123456789abcdef';
const settings = (overrides: Partial<HttpSettings> = {}): HttpSettings => ({
  source: 'prod',
  timeoutMs: 2000,
  redactor: createSecretRedactor({ secrets: [key] }),
  retry: { random: () => 0, sleep: async (ms) => void sleeps.push(ms) },
  ...overrides,
});
const get = (path = '/api/thing', baseUrl = server.url) => ({
  method: 'GET' as const,
  baseUrl,
  path,
  headers: { 'x-api-key': key },
});
const okSchema = z.looseObject({ ok: z.boolean() });
const status =
  (code: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(code, { 'content-type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

describe('requestJson', () => {
  it('sends the request and validates the answer, keeping fields the schema does not name', async () => {
    handlers.push(status(200, { ok: true, extra: 1 }));
    const answer = await requestJson(
      {
        method: 'POST',
        baseUrl: `${server.url}/prefix/`,
        path: '/x',
        query: { a: ['1', '2'], b: undefined },
        json: { q: 1 },
      },
      settings(),
      okSchema,
    );
    expect(answer).toEqual({ ok: true, extra: 1 });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/prefix/x?a=1&a=2',
      body: '{"q":1}',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
  });

  it('retries a retryable status, waiting at least what Retry-After asks', async () => {
    handlers.push(status(429, {}, { 'retry-after': '3' }), status(503, { detail: 'busy' }));
    expect(await requestJson(get(), settings(), okSchema)).toEqual({ ok: true });
    expect(sleeps).toEqual([3000, 0]);
  });

  it('fails at once on another status, saying what the server said', async () => {
    handlers.push(status(400, { detail: 'bad filter' }));
    const error = await requestJson(get(), settings(), okSchema).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false, exitCode: 3 });
    expect((error as Error).message).toBe(
      `source 'prod': GET ${server.url}/api/thing failed: 400 Bad Request: bad filter`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries a body that is not complete JSON, and says so when it stays broken', async () => {
    handlers.push(status(200, '{"ok": tr'));
    expect(await requestJson(get(), settings(), okSchema)).toEqual({ ok: true });
    handlers.push(status(200, '{"ok": tr'), status(200, '{"ok": tr'));
    await expect(
      requestJson(get(), settings({ retry: { maxAttempts: 2, random: () => 0 } }), okSchema),
    ).rejects.toThrow(/not complete JSON \(9 bytes\)/);
  });

  it('does not retry an answer the schema rejects', async () => {
    handlers.push(status(200, { ok: 'yes' }));
    const error = await requestJson(get(), settings(), okSchema).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('unexpected response: ok: Invalid input');
    expect(server.requests).toHaveLength(1);
  });

  it('times out an answer slower than the limit, and retries it', async () => {
    // The first answer comes far too late; the retries get prompt ones (a loaded machine may time out one of those
    // too, which is still a retry, so only the first timed-out attempt is certain).
    handlers.push((_request, response) => setTimeout(() => response.end('{"ok": true}'), 10_000).unref());
    expect(await requestJson(get(), settings({ timeoutMs: 1000 }), okSchema)).toEqual({ ok: true });
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('repeats a create only when the server surely did not act on it', async () => {
    handlers.push(status(500, {}));
    const create = { ...get(), method: 'POST' as const, json: {} };
    await expect(requestJson(create, settings(), okSchema, { idempotent: false })).rejects.toThrow(/500/);
    expect(server.requests).toHaveLength(1);
    handlers.push(status(429, {}));
    expect(await requestJson(create, settings(), okSchema, { idempotent: false })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it('stops when its signal is aborted, with the signal’s reason', async () => {
    handlers.push((_request, response) => setTimeout(() => response.end('{}'), 1000));
    const controller = new AbortController();
    const reading = requestJson(get(), settings(), okSchema, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user stopped')), 50);
    await expect(reading).rejects.toThrow('user stopped');
  });

  it('never follows a redirect to another origin: a non-retried error naming it', async () => {
    tracker.answer({ kind: 'redirect', status: 307 });
    const error = await requestJson(get('/api/thing', tracker.url), settings(), okSchema).catch(
      (caught: unknown) => caught,
    );
    expect(tracker.elsewhere.requests).toEqual([]);
    expect(tracker.requests).toHaveLength(1);
    expect(error).toMatchObject({ isRetryable: false });
    expect((error as Error).message).toContain(
      `GET ${tracker.url}/api/thing: the endpoint redirected to ${tracker.elsewhere.url} (307)`,
    );
  });

  it('keeps echoed credentials out of the message and the body it keeps', async () => {
    tracker.answer({ kind: 'echo', status: 401 });
    const error = (await requestJson(get('/api/thing', tracker.url), settings(), okSchema).catch(
      (caught: unknown) => caught,
    )) as ApiCallError;
    expect(tracker.requests[0]!.headers['x-api-key']).toBe(key);
    expect(error.message).toContain('401');
    expect(error.message).not.toContain(key);
    expect(error.responseBody).toContain('x-api-key: ***');
    expect(error.responseBody).not.toContain(key);
  });
});

describe('requestBytes', () => {
  it('returns the answer’s bytes', async () => {
    handlers.push((_request, response) => response.end(Buffer.from([0, 1, 2])));
    expect([...(await requestBytes(get(), settings()))]).toEqual([0, 1, 2]);
  });
});
