import { describe, expect, it } from 'vitest';
import { jsonValue, parseJsonBody } from './parse-json-body.js';

describe('parseJsonBody', () => {
  it('tells an empty body, JSON, invalid JSON and a body over the limit apart', () => {
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({ kind: 'empty' });
    expect(parseJsonBody(Buffer.from('{"a":[1]}'))).toEqual({ kind: 'json', value: { a: [1] } });
    expect(parseJsonBody(Buffer.from('{"a":'))).toMatchObject({ kind: 'invalid' });
    expect(parseJsonBody(Buffer.from('[1,2,3]'), { maxBytes: 4 })).toEqual({
      kind: 'too-large',
      bytes: 7,
      maxBytes: 4,
    });
    expect(parseJsonBody(Buffer.from('null'), { maxBytes: 4 })).toEqual({ kind: 'json', value: null });
  });

  it('gives the JSON value only for JSON', () => {
    expect(jsonValue(parseJsonBody(Buffer.from('3')))).toBe(3);
    expect(jsonValue(parseJsonBody(Buffer.from('nope')))).toBeUndefined();
  });
});
