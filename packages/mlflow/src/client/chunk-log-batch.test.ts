import { describe, expect, it } from 'vitest';
import { chunkLogBatch, logBatchLimits } from './chunk-log-batch.js';

const metrics = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    key: `m${index}`,
    value: index,
    timestamp: 1_795_726_393_973,
  }));
const params = (count: number, size = 1) =>
  Array.from({ length: count }, (_, index) => ({ key: `p${index}`, value: 'x'.repeat(size) }));

describe('chunkLogBatch', () => {
  it('keeps a small batch in one request, step 0 by default and non-finite values as strings', () => {
    const [request, ...rest] = chunkLogBatch({
      metrics: [
        { key: 'slo.a.value', value: Number.NaN, timestamp: 10 },
        { key: 'slo.b.value', value: Number.POSITIVE_INFINITY, timestamp: 10, step: 3 },
      ],
      params: params(2),
      tags: [{ key: 'slo.a.status', value: 'ok' }],
    });
    expect(rest).toHaveLength(0);
    expect(request!.metrics).toEqual([
      { key: 'slo.a.value', value: 'NaN', timestamp: 10, step: 0 },
      { key: 'slo.b.value', value: 'Infinity', timestamp: 10, step: 3 },
    ]);
    expect(request!.params).toHaveLength(2);
    expect(request!.tags).toEqual([{ key: 'slo.a.status', value: 'ok' }]);
  });

  it('splits at 1000 metrics, 100 params, 100 tags and 1000 entities, params first', () => {
    const requests = chunkLogBatch({ metrics: metrics(2500), params: params(250), tags: params(150) });
    for (const request of requests) {
      expect(request.metrics.length).toBeLessThanOrEqual(1000);
      expect(request.params.length).toBeLessThanOrEqual(100);
      expect(request.tags.length).toBeLessThanOrEqual(100);
      expect(request.metrics.length + request.params.length + request.tags.length).toBeLessThanOrEqual(1000);
    }
    expect(requests.flatMap((request) => request.metrics)).toHaveLength(2500);
    expect(requests.flatMap((request) => request.params).map((param) => param.key)).toEqual(
      params(250).map((param) => param.key),
    );
    expect(requests.flatMap((request) => request.tags)).toHaveLength(150);
    expect(requests[0]!.params).toHaveLength(100);
    expect(requests[0]!.metrics).toHaveLength(0);
  });

  it('keeps every request under 1 MB', () => {
    // 100 params of 6000 characters are 600 kB; 300 tags of 8000 characters are 2.4 MB.
    const requests = chunkLogBatch({ params: params(100, 6000), tags: params(300, 8000) });
    for (const request of requests) {
      expect(Buffer.byteLength(JSON.stringify({ run_id: 'f'.repeat(32), ...request }))).toBeLessThan(
        1024 * 1024,
      );
    }
    expect(requests.flatMap((request) => request.tags)).toHaveLength(300);
    expect(requests.length).toBeGreaterThanOrEqual(4);
  });

  it('sends nothing for nothing', () => {
    expect(chunkLogBatch({})).toEqual([]);
    expect(logBatchLimits.metrics).toBe(1000);
  });
});
