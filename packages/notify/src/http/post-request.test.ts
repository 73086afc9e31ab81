import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postRequest } from './post-request.js';
import { channelSecrets, redactSecrets } from './redact-secrets.js';
import { statusError } from './status-error.js';

const base = { channel: 'c', endpoint: 'test endpoint', body: '{}', timeoutMs: 30_000, secrets: [] };

describe('postRequest', () => {
  it('posts JSON and returns the answer of a 2xx', async () => {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        response.writeHead(202, { 'content-type': 'text/plain' });
        response.end(`${request.headers['content-type']} ${request.headers['x-a']} ${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      const response = await postRequest({ ...base, url, body: '{"a":1}', headers: { 'x-a': 'b' } });
      expect([response.status, response.text]).toEqual([202, 'application/json b {"a":1}']);
    } finally {
      server.close();
    }
  });

  it('a timeout longer than a timer holds waits for the answer instead of failing at once', async () => {
    const server = createServer((_request, response) => {
      setTimeout(() => response.writeHead(200).end('ok'), 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
      const response = await postRequest({ ...base, url, timeoutMs: 30 * 86_400_000 });
      expect(response.status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('a bad URL is not retryable and is not quoted', async () => {
    const error = await postRequest({ ...base, url: 'http://[bad-secret-host' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      retryable: false,
      message: "channel 'c': the test endpoint URL is not a valid URL",
    });
  });

  it('an aborted call rethrows the abort reason, not a channel failure', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(
      postRequest({ ...base, url: 'http://127.0.0.1:9/', signal: controller.signal }),
    ).rejects.toThrow('shutting down');
  });
});

describe('statusError', () => {
  const error = (status: number, extra: Partial<Parameters<typeof statusError>[0]> = {}) =>
    statusError({ channel: 'c', endpoint: 'hook', status, body: '', secrets: [], ...extra });

  it('maps statuses: 429/408/425/5xx retryable, 404/410 dead, 401/403 and other 4xx final', () => {
    expect([429, 408, 425, 500, 503].map((status) => error(status).retryable)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([404, 410].map((status) => [error(status).dead, error(status).retryable])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(error(404, { deadStatuses: [410] }).dead).toBe(false);
    expect(error(403).message).toBe(
      "channel 'c': the hook refused the message (HTTP 403); check the credentials in channels.c",
    );
    expect(error(422).retryable).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date, and a JSON retry_after', () => {
    expect(error(429, { retryAfter: '7' }).retryAfterMs).toBe(7000);
    expect(
      error(429, { retryAfter: 'Thu, 26 Nov 2026 14:00:30 GMT', now: Date.parse('2026-11-26T14:00:00Z') })
        .retryAfterMs,
    ).toBe(30_000);
    expect(error(429, { body: '{"retry_after": 0.25}' }).retryAfterMs).toBe(250);
    expect(error(503, { retryAfter: '2' }).retryAfterMs).toBe(2000);
  });

  it('shows the first line of the body, short, without secrets or URLs', () => {
    const message = error(500, {
      body: `boom at https://internal.example.com/x with key abc123secret\nsecond line`,
      secrets: ['abc123secret'],
    }).message;
    expect(message).toBe("channel 'c': the hook failed (HTTP 500 boom at <url> with key ***); will retry");
    expect(error(500, { body: 'x'.repeat(500) }).message.length).toBeLessThan(300);
  });
});

describe('channelSecrets', () => {
  it('takes credential settings, URL parts a server could echo, and whsec_ keys', () => {
    const secrets = channelSecrets({
      type: 'webhook',
      url: 'https://user:p%40ss@hooks.example.com/T01ABC/B02DEF/tokenXYZ123?sig=AbCdEf1234&plain=x',
      secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
      headers: { Authorization: 'Bearer t0ken-value' },
      format: 'adaptive',
      to: ['ml-team@example.com'],
    });
    expect(secrets).toEqual(
      expect.arrayContaining([
        'tokenXYZ123',
        'AbCdEf1234',
        'p@ss',
        'user',
        '/T01ABC/B02DEF/tokenXYZ123',
        'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
        'Bearer t0ken-value',
      ]),
    );
    expect(secrets).not.toContain('adaptive');
    expect(secrets).not.toContain('ml-team@example.com');
    expect(
      redactSecrets('sent to https://hooks.example.com/T01ABC/B02DEF/tokenXYZ123 with tokenXYZ123', secrets),
    ).toBe('sent to <url> with ***');
  });
});

describe('environmentSecrets', () => {
  it('takes the values of credential-like variables, not the others', async () => {
    const { environmentSecrets } = await import('./redact-secrets.js');
    const secrets = environmentSecrets({
      PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY0123456789abcdefghijkl',
      SMTP_URL: 'smtp://mailer:Pa55word@smtp.example.com:587',
      HOME: '/home/someone',
      SHORT_KEY: 'abc',
    });
    expect(secrets).toEqual(
      expect.arrayContaining([
        'R0UTINGKEY0123456789abcdefghijkl',
        'smtp://mailer:Pa55word@smtp.example.com:587',
        'Pa55word',
      ]),
    );
    expect(secrets).not.toContain('/home/someone');
    expect(secrets).not.toContain('abc');
  });
});
