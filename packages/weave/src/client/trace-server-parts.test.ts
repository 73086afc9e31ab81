import { ApiCallError, createSecretRedactor, failureError } from '@slokit/adapter-utils';
import { describe, expect, it } from 'vitest';
import { allOf, startedAtAtLeast, startedAtAtMost } from './call-query.js';
import { describeWeaveFailure } from './describe-weave-failure.js';
import { jsonlLines } from './jsonl-lines.js';
import { parseJsonLine, replaceNonFiniteNumbers } from './parse-json-line.js';
import { opNameFilter, opNameOf, refName } from './weave-refs.js';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function collect(iterable: AsyncIterable<unknown>) {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('jsonlLines', () => {
  it('splits lines across chunk borders, including a multi-byte character cut in two', async () => {
    const euro = new TextEncoder().encode('€');
    async function* bytes() {
      yield new TextEncoder().encode('{"a":1}\n{"b":"');
      yield euro.subarray(0, 1);
      yield euro.subarray(1);
      yield new TextEncoder().encode('"}\r\n\n{"c":3}');
    }
    expect(await collect(jsonlLines(bytes()))).toEqual([
      { text: '{"a":1}', number: 1, terminated: true },
      { text: '{"b":"€"}', number: 2, terminated: true },
      { text: '{"c":3}', number: 3, terminated: false },
    ]);
  });

  it('yields nothing for an empty body', async () => {
    expect(await collect(jsonlLines(chunks('', '\n')))).toEqual([]);
  });
});

describe('parseJsonLine', () => {
  it('parses JSON, and reads Python NaN and Infinity outside strings as null', () => {
    expect(parseJsonLine('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonLine('{"mean": NaN, "max": Infinity, "min": -Infinity, "text": "NaN Infinity"}')).toEqual(
      {
        mean: null,
        max: null,
        min: null,
        text: 'NaN Infinity',
      },
    );
    expect(replaceNonFiniteNumbers('{"a": "say \\"NaN\\"", "b": NaN}')).toBe(
      '{"a": "say \\"NaN\\"", "b": null}',
    );
    expect(() => parseJsonLine('{"a": 1')).toThrow(SyntaxError);
  });
});

describe('describeWeaveFailure', () => {
  const apiKey = 'abcd1234efgh5678ijkl';
  const settings = {
    source: 'prod',
    redactor: createSecretRedactor({ secrets: [apiKey] }),
    describe: describeWeaveFailure('WANDB_API_KEY', apiKey),
  };
  const failed = (status: number, statusText: string, body: string, retryAfter?: string) =>
    failureError(
      {
        kind: 'status',
        status,
        statusText,
        body,
        headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}),
        method: 'POST',
        url: 'https://trace.wandb.ai/calls/stream_query',
        path: '/calls/stream_query',
      },
      settings,
    );

  it('names the endpoint, the variable and a redacted key on 401, and is not retryable', () => {
    const error = failed(401, 'Unauthorized', '{"detail":"Invalid credentials"}');
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.isRetryable).toBe(false);
    expect(error.statusCode).toBe(401);
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(
      'POST https://trace.wandb.ai/calls/stream_query answered 401 Unauthorized: Invalid credentials',
    );
    expect(error.message).toContain('WANDB_API_KEY, …ijkl');
    expect(error.message).not.toContain(apiKey);
  });

  it('retries 429 and 5xx, with the Retry-After wait', () => {
    const error = failed(429, 'Too Many Requests', '', '7');
    expect([error.isRetryable, error.retryAfterMs]).toEqual([true, 7000]);
    expect(failed(503, '', '').isRetryable).toBe(true);
    expect(failed(400, '', '').isRetryable).toBe(false);
  });

  it('reads FastAPI detail lists, reason, message, error and error_code', () => {
    expect(
      failed(
        422,
        '',
        '{"detail":[{"type":"extra_forbidden","loc":["body","filter","foo"],"msg":"Extra inputs are not permitted"}]}',
      ).message,
    ).toContain('answered 422: body.filter.foo: Extra inputs are not permitted');
    expect(
      failed(400, '', '{"reason":"Field x is not allowed","error_code":"INVALID_FIELD"}').message,
    ).toContain('answered 400: Field x is not allowed error_code INVALID_FIELD');
    expect(failed(502, 'Bad Gateway', '<html><title>502 Bad Gateway</title></html>').message).toContain(
      'answered 502 Bad Gateway: 502 Bad Gateway',
    );
  });
});

describe('weave refs', () => {
  it('reads op names from refs and matches every version', () => {
    expect(opNameOf('weave:///acme/bot/op/Evaluation.evaluate:abc')).toBe('Evaluation.evaluate');
    expect(opNameOf('simple_trace')).toBe('simple_trace');
    expect(opNameFilter('acme/bot', 'answer_question')).toEqual([
      'weave:///acme/bot/op/answer_question:*',
      'answer_question',
    ]);
    expect(opNameFilter('acme/bot', 'weave:///acme/bot/op/x:abc')).toEqual(['weave:///acme/bot/op/x:abc']);
    expect(refName('weave:///acme/bot/object/support-eval:e1')).toBe('support-eval');
    expect(refName('weave:///acme/bot/op/support_bot:m1')).toBe('support_bot');
    expect(refName('weave:///acme/bot/call/c1')).toBeUndefined();
    expect(refName(3)).toBeUndefined();
  });
});

describe('call queries', () => {
  it('compares started_at with epoch seconds and joins conditions', () => {
    expect(allOf([])).toBeUndefined();
    expect(allOf([startedAtAtLeast(1_795_708_800_123)])).toEqual({
      $expr: { $gte: [{ $getField: 'started_at' }, { $literal: 1_795_708_800.123 }] },
    });
    expect(allOf([startedAtAtLeast(0), startedAtAtMost(2000)])).toEqual({
      $expr: {
        $and: [
          { $gte: [{ $getField: 'started_at' }, { $literal: 0 }] },
          { $not: [{ $gt: [{ $getField: 'started_at' }, { $literal: 2 }] }] },
        ],
      },
    });
  });
});
