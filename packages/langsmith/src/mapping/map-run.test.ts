import { describe, expect, it } from 'vitest';
import { mapRun, runMetadata, runTokens } from './map-run.js';

const context = {
  source: 'prod',
  webUrl: 'https://smith.langchain.com',
  tenantId: 't1',
  projectId: 'p-default',
};

describe('mapRun', () => {
  it('maps a v2 run', () => {
    const mapped = mapRun(
      {
        id: 'r1',
        start_time: '2026-11-26T12:00:30.123Z',
        end_time: '2026-11-26T12:00:31.623Z',
        latency_seconds: 1.5,
        status: 'SUCCESS',
        total_tokens: 1200,
        prompt_tokens: 1000,
        completion_tokens: 200,
        total_cost: 0.0042,
        feedback_stats: { helpfulness: { n: 1, avg: 0.8 }, correctness: { n: 1, avg: 1 } },
        metadata: { model: 'gpt-4o', tenant: 'acme' },
        tags: ['production'],
        project_id: 'p1',
      },
      context,
    );
    expect(mapped).toEqual({
      kind: 'record',
      id: 'r1',
      time: Date.parse('2026-11-26T12:00:30.123Z'),
      record: {
        id: 'r1',
        timestamp: '2026-11-26T12:00:30.123Z',
        latency_ms: 1500,
        status: 'success',
        cost_usd: 0.0042,
        tokens: { prompt: 1000, completion: 200, total: 1200 },
        scores: { helpfulness: 0.8, correctness: 1 },
        tags: ['production'],
        metadata: { model: 'gpt-4o', tenant: 'acme' },
        source: 'prod',
        url: 'https://smith.langchain.com/o/t1/projects/p/p1/r/r1?poll=true',
      },
    });
  });

  it('maps a legacy run: naive times, decimal-string costs, extra.metadata, session_id', () => {
    const mapped = mapRun(
      {
        id: 'r2',
        start_time: '2026-11-26T12:00:30.000000',
        end_time: '2026-11-26T12:00:39.250000',
        status: 'error',
        error: 'upstream 503 Service Unavailable',
        total_cost: '0.00000000',
        total_tokens: 0,
        feedback_stats: {},
        extra: { metadata: { model: 'gpt-4o-mini' }, runtime: { sdk: 'langsmith-js' } },
        tags: null,
        session_id: 's2',
      },
      context,
    );
    expect(mapped.kind).toBe('record');
    if (mapped.kind !== 'record') return;
    expect(mapped.record).toEqual({
      id: 'r2',
      timestamp: '2026-11-26T12:00:30.000Z',
      latency_ms: 9250,
      status: 'error',
      error: 'upstream 503 Service Unavailable',
      cost_usd: 0,
      tokens: { total: 0 },
      metadata: { model: 'gpt-4o-mini' },
      source: 'prod',
      url: 'https://smith.langchain.com/o/t1/projects/p/s2/r/r2?poll=true',
    });
  });

  it('keeps pending runs out of the records', () => {
    expect(mapRun({ id: 'r3', status: 'PENDING', start_time: '2026-11-26T12:00:30Z' }, context)).toEqual({
      kind: 'pending',
      id: 'r3',
    });
    expect(mapRun({ id: 'r4', start_time: '2026-11-26T12:00:30', end_time: null }, context)).toEqual({
      kind: 'pending',
      id: 'r4',
    });
  });

  it('reports runs it cannot use', () => {
    expect(mapRun({ start_time: '2026-11-26T12:00:30Z', status: 'SUCCESS' }, context)).toMatchObject({
      kind: 'issue',
      message: 'a run without an id',
    });
    expect(mapRun({ id: 'r5', status: 'SUCCESS', start_time: 'soon' }, context)).toMatchObject({
      kind: 'issue',
      id: 'r5',
      message: 'start_time is not a time: "soon"',
    });
    expect(
      mapRun(
        { id: 'r6', status: 'success', start_time: '2026-11-26T12:00:30', end_time: '2026-11-26T12:00:29' },
        context,
      ),
    ).toMatchObject({ kind: 'issue', id: 'r6', message: 'the run ends before it starts (latency -1000 ms)' });
    expect(mapRun('nonsense', context)).toMatchObject({ kind: 'issue', message: 'not a run object' });
  });
});

describe('runTokens and runMetadata', () => {
  it('read what is there', () => {
    expect(runTokens({ prompt_tokens: 5 })).toEqual({ prompt: 5 });
    expect(runTokens({ total_tokens: null })).toBeUndefined();
    expect(runMetadata({ metadata: {} })).toBeUndefined();
    expect(runMetadata({ extra: { metadata: { a: 1 } } })).toEqual({ a: 1 });
    expect(runMetadata({ extra: null })).toBeUndefined();
  });
});
