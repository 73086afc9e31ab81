import { createServer } from 'node:net';
import { ApiCallError } from '@slokit/adapter-utils';
import { type MlflowEmulator, startMlflowEmulator } from '@slokit/testkit/mlflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from './mlflow-client.js';

describe('MlflowClient under faults', () => {
  let emulator: MlflowEmulator;
  let experimentId: string;
  /** Fast backoff so tests do not wait; Retry-After still sets the floor of a wait. */
  const client = () =>
    new MlflowClient({
      trackingUri: emulator.url,
      timeoutMs: 2000,
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
    });
  const searchRequests = () =>
    emulator.requests.filter((request) => request.path.endsWith('/traces/search')).length;

  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    experimentId = emulator.createExperiment('support-bot-prod');
    emulator.addTraces(
      experimentId,
      Array.from({ length: 30 }, (_, index) => ({
        id: `req-${index}`,
        timestamp: new Date(Date.parse('2026-11-26T13:00:00Z') + index * 1000).toISOString(),
        latency_ms: 100 + index,
        status: 'success' as const,
      })),
    );
  });
  afterEach(() => emulator.clearFaults());
  afterAll(() => emulator.stop());

  it('waits as long as a 429 Retry-After asks, then succeeds', async () => {
    emulator.addFault({ kind: 'rate-limit', retryAfter: 1, path: '/traces/search' });
    const before = searchRequests();
    const started = Date.now();
    const page = await client().searchTraces({ experimentIds: [experimentId], maxResults: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(page.items).toHaveLength(10);
    expect(searchRequests() - before).toBe(2);
  });

  it.each([500, 502, 503, 504])('retries a %i and succeeds', async (status) => {
    emulator.addFault({ kind: 'status', status, times: 2, path: '/traces/search' });
    const before = searchRequests();
    const page = await client().searchTraces({ experimentIds: [experimentId], maxResults: 10 });
    expect(page.items).toHaveLength(10);
    expect(searchRequests() - before).toBe(3);
  });

  it('gives up after the attempts allowed, with a retryable error naming the endpoint', async () => {
    emulator.addFault({
      kind: 'status',
      status: 503,
      times: Number.POSITIVE_INFINITY,
      path: '/traces/search',
    });
    const limited = new MlflowClient({
      trackingUri: emulator.url,
      retry: { maxAttempts: 3, initialDelayMs: 1 },
    });
    const before = searchRequests();
    const error = await limited
      .searchTraces({ experimentIds: [experimentId] })
      .catch((caught: unknown) => caught);
    expect(searchRequests() - before).toBe(3);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
    expect((error as Error).message).toContain(
      '503 TEMPORARILY_UNAVAILABLE to POST /api/3.0/mlflow/traces/search',
    );
  });

  it('times out a slow response and retries it', async () => {
    emulator.addFault({ kind: 'slow', delayMs: 5000, path: '/traces/search' });
    const impatient = new MlflowClient({
      trackingUri: emulator.url,
      timeoutMs: 1000,
      retry: { initialDelayMs: 1 },
    });
    const before = searchRequests();
    const page = await impatient.searchTraces({ experimentIds: [experimentId], maxResults: 5 });
    expect(page.items).toHaveLength(5);
    // A loaded machine may time out a prompt retry too: only the first, slow attempt surely timed out.
    expect(searchRequests() - before).toBeGreaterThanOrEqual(2);
    emulator.addFault({ kind: 'slow', delayMs: 1500, path: '/traces/search', times: 5 });
    const error = await new MlflowClient({
      trackingUri: emulator.url,
      timeoutMs: 200,
      retry: { maxAttempts: 1 },
    })
      .searchTraces({ experimentIds: [experimentId] })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/timed out after 0\.2 s/);
  });

  it('retries a truncated JSON body', async () => {
    emulator.addFault({ kind: 'truncate', path: '/traces/search' });
    const before = searchRequests();
    const page = await client().searchTraces({ experimentIds: [experimentId], maxResults: 30 });
    expect(page.items).toHaveLength(30);
    expect(searchRequests() - before).toBe(2);
  });

  it('retries a connection reset in the middle of a page', async () => {
    emulator.addFault({ kind: 'reset', path: '/traces/search' });
    const before = searchRequests();
    const page = await client().searchTraces({ experimentIds: [experimentId], maxResults: 30 });
    expect(page.items.map((trace) => trace.client_request_id)).toEqual(
      Array.from({ length: 30 }, (_, index) => `req-${29 - index}`),
    );
    expect(searchRequests() - before).toBe(2);
  });

  it('never repeats a create the server may have processed, but does repeat one it rejected with 429', async () => {
    const creates = () => emulator.requests.filter((request) => request.path.endsWith('/runs/create')).length;
    emulator.addFault({ kind: 'status', status: 500, path: '/runs/create' });
    let before = creates();
    const error = await client()
      .createRun({ experimentId })
      .catch((caught: unknown) => caught);
    expect(creates() - before).toBe(1);
    expect(error).toMatchObject({ statusCode: 500, isRetryable: true });

    emulator.addFault({ kind: 'reset', path: '/runs/create' });
    const runsBefore = emulator.store.runs.size;
    before = creates();
    await expect(client().createRun({ experimentId })).rejects.toThrow(/failed/);
    expect(creates() - before).toBe(1);
    expect(emulator.store.runs.size - runsBefore).toBe(1);

    emulator.addFault({ kind: 'rate-limit', retryAfter: 0, path: '/runs/create' });
    before = creates();
    const run = await client().createRun({ experimentId, runName: 'after-429' });
    expect(run.info.run_name).toBe('after-429');
    expect(creates() - before).toBe(2);
  });

  it('never retries a 400', async () => {
    const before = searchRequests();
    const error = await client()
      .searchTraces({ experimentIds: [experimentId], filter: 'trace.latency > 3' })
      .catch((caught: unknown) => caught);
    expect(searchRequests() - before).toBe(1);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
    expect((error as Error).message).toContain("Invalid attribute key 'latency'");
  });

  it('names MLFLOW_TRACKING_URI when the server is unreachable', async () => {
    const port = await freePort();
    const unreachable = new MlflowClient({
      trackingUri: `http://127.0.0.1:${port}`,
      retry: { maxAttempts: 2, initialDelayMs: 1 },
    });
    const error = await unreachable.getExperimentByName('x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `GET /api/2.0/mlflow/experiments/get-by-name failed: ECONNREFUSED.*MLFLOW_TRACKING_URI http://127.0.0.1:${port}`,
      ),
    );
  });

  it('stops waiting when its signal is aborted', async () => {
    emulator.addFault({ kind: 'rate-limit', retryAfter: 30, path: '/traces/search' });
    const controller = new AbortController();
    const started = Date.now();
    const reading = client().searchTraces({ experimentIds: [experimentId] }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user stopped')), 100);
    await expect(reading).rejects.toThrow('user stopped');
    // Well before the 30 s Retry-After (generous: a loaded machine is slow to fire timers).
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
