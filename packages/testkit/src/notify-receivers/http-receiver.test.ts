import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, idempotencyKey, startHttpReceiver, uniqueMessages } from './http-receiver.js';

let receiver: HttpReceiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

const start = () =>
  startHttpReceiver({
    handle: (request) =>
      request.json === undefined
        ? { status: 400, body: 'bad', accepted: false, problems: ['not JSON'] }
        : { status: 200, body: 'ok', accepted: true },
  });

const post = (url: string, body = '{"a":1}', headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('startHttpReceiver', () => {
  it('records every request with its headers, raw body and answer', async () => {
    receiver = await start();
    expect((await post(receiver.url, '{"a":1}', { 'idempotency-key': 'k1' })).status).toBe(200);
    expect((await post(`${receiver.url}/x?y=1`, 'nope')).status).toBe(400);
    expect(
      receiver.requests.map((request) => [
        request.path,
        request.body,
        request.status,
        request.accepted,
        request.problems,
      ]),
    ).toEqual([
      ['/', '{"a":1}', 200, true, []],
      ['/x?y=1', 'nope', 400, false, ['not JSON']],
    ]);
    expect(idempotencyKey(receiver.requests[0]!)).toBe('k1');
    expect(receiver.accepted()).toHaveLength(1);
  });

  it('injects statuses with Retry-After, for a number of requests', async () => {
    receiver = await start();
    await receiver.fault({ kind: 'status', status: 429, retryAfter: '3', times: 2 });
    const answers = [];
    for (let index = 0; index < 3; index++) {
      const response = await post(receiver.url);
      answers.push([response.status, response.headers.get('retry-after')]);
    }
    expect(answers).toEqual([
      [429, '3'],
      [429, '3'],
      [200, null],
    ]);
  });

  it('holds a request unanswered (timeout), answers late (slow), refuses connections, and recovers', async () => {
    receiver = await start();
    await receiver.fault({ kind: 'timeout' });
    const held = await fetch(receiver.url, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(200),
    }).catch((error: Error) => error.name);
    expect(held).toBe('TimeoutError');
    await receiver.fault({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await post(receiver.url)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await receiver.fault({ kind: 'refused' });
    const code = () =>
      post(receiver!.url).catch((error: Error & { cause?: { code?: string } }) => error.cause?.code);
    // A kept-alive connection from before fails as a closed socket; a new connection is refused.
    expect(['ECONNREFUSED', 'UND_ERR_SOCKET']).toContain(await code());
    expect(await code()).toBe('ECONNREFUSED');
    await receiver.fault(null);
    expect((await post(receiver.url)).status).toBe(200);
  });

  it('uniqueMessages drops repeated idempotency keys', async () => {
    receiver = await start();
    await post(receiver.url, '{}', { 'webhook-id': 'a' });
    await post(receiver.url, '{}', { 'webhook-id': 'a' });
    await post(receiver.url, '{}', { 'webhook-id': 'b' });
    expect(uniqueMessages(receiver.requests).map(idempotencyKey)).toEqual(['a', 'b']);
  });
});
