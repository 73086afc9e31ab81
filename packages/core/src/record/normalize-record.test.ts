import { afterEach, describe, expect, it } from 'vitest';
import { normalizeRecord } from './normalize-record.js';

describe('normalizeRecord', () => {
  it('keeps the documented fields and moves unknown ones under metadata', () => {
    const result = normalizeRecord({
      id: 42,
      timestamp: '2026-11-26T13:59:59+01:00',
      latency_ms: '1234',
      status: 'success',
      cost_usd: 0.012,
      tokens: { prompt: 100, completion: 20 },
      scores: { accuracy: true, helpfulness: '0.8', judged: 'false' },
      tags: 'production;gpt-4o',
      metadata: { model: 'gpt-4o' },
      tenant: 'acme',
      url: 'https://example.com/r/42',
    });
    expect(result).toEqual({
      time: Date.parse('2026-11-26T12:59:59Z'),
      record: {
        id: '42',
        timestamp: '2026-11-26T12:59:59.000Z',
        latency_ms: 1234,
        status: 'success',
        cost_usd: 0.012,
        tokens: { prompt: 100, completion: 20, total: 120 },
        scores: { accuracy: true, helpfulness: 0.8, judged: false },
        tags: ['production', 'gpt-4o'],
        metadata: { tenant: 'acme', model: 'gpt-4o' },
        url: 'https://example.com/r/42',
      },
    });
  });

  it('derives status from an error and maps common status words', () => {
    expect(normalizeRecord({ error: 'timeout' })).toMatchObject({
      record: { status: 'error', error: 'timeout' },
    });
    expect(normalizeRecord({ status: 'OK' })).toMatchObject({ record: { status: 'success' } });
    expect(normalizeRecord({ status: 'failed' })).toMatchObject({ record: { status: 'error' } });
  });

  it('has NaN time without a timestamp, and reads epoch seconds and milliseconds', () => {
    expect(normalizeRecord({})).toEqual({ record: {}, time: Number.NaN });
    expect(normalizeRecord({ timestamp: 1_764_165_600 })).toMatchObject({ time: 1_764_165_600_000 });
    expect(normalizeRecord({ timestamp: 1_764_165_600_000 })).toMatchObject({ time: 1_764_165_600_000 });
  });

  describe('a time without an offset', () => {
    const hostZone = process.env.TZ;
    afterEach(() => {
      if (hostZone === undefined) delete process.env.TZ;
      else process.env.TZ = hostZone;
    });

    it.each(['America/New_York', 'Asia/Kolkata'])('is UTC whatever TZ is (%s)', (zone) => {
      process.env.TZ = zone;
      expect(new Date(2026, 10, 26, 12).getTimezoneOffset()).not.toBe(0);
      expect(normalizeRecord({ timestamp: '2026-11-26T13:30:00' })).toMatchObject({
        time: Date.parse('2026-11-26T13:30:00Z'),
        record: { timestamp: '2026-11-26T13:30:00.000Z' },
      });
      expect(normalizeRecord({ timestamp: '2026-11-26 13:30:00.5' })).toMatchObject({
        time: Date.parse('2026-11-26T13:30:00.500Z'),
      });
      expect(normalizeRecord({ timestamp: '2026-11-26T13:30' })).toMatchObject({
        time: Date.parse('2026-11-26T13:30:00Z'),
      });
      expect(normalizeRecord({ timestamp: '2026-11-26T13:30:00+02:00' })).toMatchObject({
        time: Date.parse('2026-11-26T11:30:00Z'),
      });
    });
  });

  it('reads decimal strings as numbers', () => {
    expect(normalizeRecord({ latency_ms: '1e3', cost_usd: ' 0.25 ', scores: { a: '-0.5' } })).toMatchObject({
      record: { latency_ms: 1000, cost_usd: 0.25, scores: { a: -0.5 } },
    });
  });

  it('reaches no prototype and reports keys that would', () => {
    const parsed = JSON.parse(
      '{"latency_ms": 1, "metadata": {"nested": [{"__proto__": {"url": "x"}}]}}',
    ) as unknown;
    expect(normalizeRecord(parsed)).toEqual({
      problem: 'metadata.nested[0].__proto__: "__proto__" is not allowed as a key in record data',
    });
    expect(({} as Record<string, unknown>).url).toBeUndefined();
  });

  it.each([
    [{ latency_ms: '0x10' }, 'latency_ms: expected a duration in milliseconds, found "0x10"'],
    [{ latency_ms: 'Infinity' }, 'latency_ms: expected a duration in milliseconds, found "Infinity"'],
    [{ cost_usd: '0b1' }, 'cost_usd: expected a cost in US dollars, found "0b1"'],
    [{ tokens: { total: '0o7' } }, 'tokens.total: expected a token count, found "0o7"'],
    [{ scores: { a: '0x1' } }, 'scores.a: expected a number or a boolean, found "0x1"'],
    [{ latency_ms: ' ' }, 'latency_ms: expected a duration in milliseconds, found " "'],
    [
      { timestamp: 1_764_165_600_000_000 },
      'timestamp: expected a time before the year 3000 (epoch seconds or milliseconds), found 1764165600000000',
    ],
    [
      { timestamp: '+058000-01-01T00:00:00Z' },
      'timestamp: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found "+058000-01-01T00:00:00Z"',
    ],
    [
      { timestamp: '3000-01-01T00:00:00Z' },
      'timestamp: expected a time before the year 3000 (epoch seconds or milliseconds), found "3000-01-01T00:00:00Z"',
    ],
    [
      JSON.parse('{"__proto__": {"url": "x"}}'),
      '__proto__: "__proto__" is not allowed as a key in record data',
    ],
    [{ constructor: 'x' }, 'constructor: "constructor" is not allowed as a key in record data'],
    [{ tenant: { prototype: 1 } }, 'tenant.prototype: "prototype" is not allowed as a key in record data'],
    [
      { metadata: { constructor: 'x' } },
      'metadata.constructor: "constructor" is not allowed as a key in record data',
    ],
    [
      { scores: JSON.parse('{"a": 1, "__proto__": 1}') },
      'scores.__proto__: "__proto__" is not allowed as a key in record data',
    ],
    [
      { scores: JSON.parse('{"a": "1", "__proto__": "1"}') },
      'scores.__proto__: "__proto__" is not allowed as a key in record data',
    ],
  ])('reports %j', (raw, problem) => {
    expect(normalizeRecord(raw)).toEqual({ problem });
  });

  it.each([
    [{ latency_ms: 'slow' }, 'latency_ms: expected a duration in milliseconds, found "slow"'],
    [{ latency_ms: Number.NaN }, 'latency_ms: expected a duration in milliseconds, found NaN'],
    [{ latency_ms: 'NaN' }, 'latency_ms: expected a duration in milliseconds, found "NaN"'],
    [{ latency_ms: -1 }, 'latency_ms: expected a duration in milliseconds >= 0, found -1'],
    [
      { timestamp: 'last tuesday' },
      'timestamp: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found "last tuesday"',
    ],
    [
      { timestamp: '2026-02-31T99:00:00Z' },
      'timestamp: expected an ISO 8601 time such as 2026-11-26T14:00:00Z, found "2026-02-31T99:00:00Z"',
    ],
    [{ status: 'meh' }, 'status: expected "success" or "error", found "meh"'],
    [{ cost_usd: 'free' }, 'cost_usd: expected a cost in US dollars, found "free"'],
    [{ scores: { accuracy: 'high' } }, 'scores.accuracy: expected a number or a boolean, found "high"'],
    [{ scores: [1, 2] }, 'scores: expected an object of numbers or booleans, found a list'],
    [{ tokens: { total: -3 } }, 'tokens.total: expected a token count >= 0, found -3'],
    [[1, 2], 'expected a JSON object, found a list'],
    ['text', 'expected a JSON object, found "text"'],
  ])('reports %j', (raw, problem) => {
    expect(normalizeRecord(raw)).toEqual({ problem });
  });
});
