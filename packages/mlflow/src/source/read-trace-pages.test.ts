import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '../client/mlflow-client.js';
import { readTracePages, type TracesCursor } from './read-trace-pages.js';

const base = Date.parse('2026-11-26T12:00:00.000Z');

describe('readTracePages', () => {
  let emulator: MlflowEmulator;
  let client: MlflowClient;

  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    client = new MlflowClient({ trackingUri: emulator.url, retry: { maxAttempts: 1 } });
  });
  afterAll(() => emulator.stop());

  /** A fresh experiment with traces at the given offsets (ms from base). */
  function experimentWith(offsets: number[], name: string): string {
    const experimentId = emulator.createExperiment(name);
    emulator.addTraces(
      experimentId,
      offsets.map((offset, index) => ({
        id: `${name}-${index}`,
        timestamp: new Date(base + offset).toISOString(),
        latency_ms: 100,
        status: 'success' as const,
      })),
    );
    return experimentId;
  }

  async function readAll(
    options: Partial<Parameters<typeof readTracePages>[0]> & { experimentIds: string[] },
  ) {
    const pages: Array<{ ids: string[]; cursor: TracesCursor }> = [];
    for await (const page of readTracePages({ client, pageSize: 3, overlapMs: 0, ...options })) {
      pages.push({ ids: page.traces.map((trace) => trace.client_request_id!), cursor: page.cursor });
    }
    return pages;
  }

  it('walks time upward by keyset, each trace once, with a time-bounded query per page', async () => {
    const experimentId = experimentWith([0, 1000, 2000, 2000, 3000, 4000, 5000, 6000], 'keyset');
    const before = emulator.requests.length;
    const pages = await readAll({ experimentIds: [experimentId] });
    expect(pages.flatMap((page) => page.ids).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `keyset-${i}`).sort(),
    );
    const filters = emulator.requests
      .slice(before)
      .map((request) => JSON.parse(request.body).filter as string);
    expect(filters[0]).toBe("trace.status IN ('OK', 'ERROR')");
    expect(filters[1]).toBe(`trace.status IN ('OK', 'ERROR') AND trace.timestamp_ms >= ${base + 2000}`);
    expect(emulator.requests.slice(before).every((request) => !JSON.parse(request.body).page_token)).toBe(
      true,
    );
    expect(JSON.parse(emulator.requests.at(-1)!.body).order_by).toEqual([
      'timestamp_ms ASC',
      'request_id ASC',
    ]);
  });

  it('pages through more traces than a page at one millisecond by token', async () => {
    const experimentId = experimentWith([0, 500, 500, 500, 500, 500, 500, 500, 900], 'same-ms');
    const before = emulator.requests.length;
    const pages = await readAll({ experimentIds: [experimentId] });
    const ids = pages.flatMap((page) => page.ids);
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
    expect(emulator.requests.slice(before).some((request) => JSON.parse(request.body).page_token)).toBe(true);
  });

  it('reads (since, until] only', async () => {
    const experimentId = experimentWith([0, 1000, 2000, 3000, 4000], 'window');
    const pages = await readAll({ experimentIds: [experimentId], since: base + 1000, until: base + 3000 });
    expect(pages.flatMap((page) => page.ids)).toEqual(['window-2', 'window-3']);
  });

  it('leaves IN_PROGRESS traces out, and a resumed read within the overlap picks them up once finished', async () => {
    const experimentId = experimentWith([0, 60_000, 120_000], 'late');
    const late = {
      trace_id: 'tr-1a7e0000000000000000000000000001',
      client_request_id: 'late-slow',
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
      request_time: new Date(base + 30_000).toISOString(),
      execution_duration: '0s',
      state: 'IN_PROGRESS',
    };
    await client.startTrace(late);
    const first = await readAll({ experimentIds: [experimentId], overlapMs: 5 * 60_000, pageSize: 10 });
    expect(first.flatMap((page) => page.ids)).toEqual(['late-0', 'late-1', 'late-2']);
    const cursor = first.at(-1)!.cursor;
    expect(cursor.after).toBe(base + 120_000);
    expect(cursor.seen.map(([id]) => id)).toHaveLength(3);

    // The slow request finishes; a new trace arrives too.
    await client.startTrace({ ...late, state: 'OK', execution_duration: '95.000s' });
    emulator.addTraces(experimentId, [
      { id: 'late-3', timestamp: new Date(base + 180_000).toISOString(), status: 'success' },
    ]);
    const resumed = await readAll({
      experimentIds: [experimentId],
      overlapMs: 5 * 60_000,
      cursor,
      pageSize: 10,
    });
    expect(resumed.flatMap((page) => page.ids)).toEqual(['late-slow', 'late-3']);

    // Without an overlap the late trace is missed: the overlap window is what catches it.
    const strict = await readAll({ experimentIds: [experimentId], overlapMs: 0, cursor, pageSize: 10 });
    expect(strict.flatMap((page) => page.ids)).toEqual(['late-3']);
  });

  it('keeps only the ids within the overlap window in its cursor', async () => {
    const experimentId = experimentWith(
      Array.from({ length: 20 }, (_, index) => index * 60_000),
      'trim',
    );
    const pages = await readAll({ experimentIds: [experimentId], overlapMs: 2 * 60_000, pageSize: 5 });
    const last = pages.at(-1)!.cursor;
    expect(last.after).toBe(base + 19 * 60_000);
    expect(last.seen.map(([id]) => id).length).toBeLessThanOrEqual(3);
  });
});
