import { describe, expect, it } from 'vitest';
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
