import { afterEach, describe, expect, it } from 'vitest';
import { jsonReply, type Reply, textReply } from './reply.js';
import { startTestServer, type TestRequest, type TestServer } from './start-test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const serve = async (answer: (request: TestRequest) => Reply | 'hold' | 'drop' | Promise<Reply>) => {
  server = await startTestServer({
    handle: answer,
    onError: (error) => jsonReply(500, { error: (error as Error).message }),
  });
  return server;
};

describe('startTestServer', () => {
  it('listens on a free loopback port and hands each request over with its whole body', async () => {
    const received: TestRequest[] = [];
    const { url } = await serve((request) => {
      received.push(request);
      return jsonReply(201, { echo: request.body.toString('utf8') }, { 'x-answer': 'yes' });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/a/b?x=1&x=2`, { method: 'post', body: 'hello' });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(await response.json()).toEqual({ echo: 'hello' });
    expect(received[0]).toMatchObject({ method: 'POST', target: '/a/b?x=1&x=2', path: '/a/b' });
    expect(received[0]!.query.getAll('x')).toEqual(['1', '2']);
  });

  it('answers with onError when the handler throws', async () => {
    const { url } = await serve(() => {
      throw new Error('broken');
    });
    const response = await fetch(url);
    expect([response.status, await response.json()]).toEqual([500, { error: 'broken' }]);
  });

  it('truncates a body to a complete half, or resets the connection after half of it', async () => {
    const body = JSON.stringify({ values: Array.from({ length: 50 }, (_, index) => index) });
    const { url } = await serve((request) => ({
      ...jsonReply(200, JSON.parse(body)),
      damage: { cut: request.path === '/truncate' ? 'truncate' : 'reset' },
    }));
    const truncated = await fetch(`${url}/truncate`);
    const text = await truncated.text();
    expect(text).toBe(body.slice(0, Math.floor(body.length / 2)));
    const reset = await fetch(`${url}/reset`);
    expect(reset.status).toBe(200);
    await expect(reset.text()).rejects.toThrow();
  });

  it('streams lines, cuts them in the middle of a line, and resets a stream', async () => {
    const lines = Array.from({ length: 5000 }, (_, index) =>
      JSON.stringify({ index, padding: 'x'.repeat(100) }),
    );
    const { url } = await serve((request) => {
      const afterLines = Number(request.query.get('after') ?? 0);
      const cut = request.query.get('cut') as 'truncate' | 'reset' | null;
      return {
        status: 200,
        headers: { 'content-type': 'application/jsonl' },
        lines,
        ...(cut ? { damage: { cut, afterLines } } : {}),
      };
    });
    const whole = await fetch(url);
    expect(whole.headers.get('content-type')).toBe('application/jsonl');
    expect(await whole.text()).toBe(`${lines.join('\n')}\n`);
    const cut = (await (await fetch(`${url}?cut=truncate&after=2`)).text()).split('\n');
    expect(cut).toHaveLength(3);
    expect(cut.slice(0, 2)).toEqual(lines.slice(0, 2));
    expect(() => JSON.parse(cut[2]!)).toThrow();
    const beyond = (await (await fetch(`${url}?cut=truncate&after=9000`)).text()).split('\n');
    expect(beyond).toHaveLength(5001);
    expect(beyond[5000]).toBe('{"id": "');
    await expect((await fetch(`${url}?cut=reset&after=1`)).text()).rejects.toThrow();
  });

  it('paces lines when asked', async () => {
    const { url } = await serve(() => ({ status: 200, lines: ['1', '2', '3'], damage: { lineDelayMs: 40 } }));
    const started = Date.now();
    expect(await (await fetch(url)).text()).toBe('1\n2\n3\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('holds a request until released, and drops a connection without an answer', async () => {
    let arrived: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const { url } = await serve((request) => {
      if (request.path !== '/hold') return 'drop';
      arrived();
      return 'hold';
    });
    const outcome = fetch(`${url}/hold`).then(
      () => 'answered',
      () => 'failed',
    );
    await holding;
    // The server holds the request once the handler has returned: let that happen, then release it.
    await new Promise((resolve) => setImmediate(resolve));
    server!.releaseHeld();
    expect(await outcome).toBe('failed');
    await expect(fetch(`${url}/drop`)).rejects.toThrow();
  });

  it('stops listening, refusing connections, and listens again on the same port', async () => {
    const started = await serve(() => textReply(200, 'ok', 'text/plain'));
    const { port } = started;
    await started.stop();
    expect(started.listening).toBe(false);
    const refused = await fetch(started.url).catch(
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    await started.listen();
    expect([started.listening, started.port]).toEqual([true, port]);
    expect(await (await fetch(started.url)).text()).toBe('ok');
  });
});
