import { ApiCallError } from '@slokit/adapter-utils';
import { createMemorySource, defineConfig } from '@slokit/core';
import { check } from '@slokit/engine';
import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instantRetries, readAll, sourceFor } from '../test-support/langsmith-fixture.js';

const since = new Date('2026-11-26T13:00:00Z');
const until = new Date('2026-11-26T14:00:00Z');
const runsQuery = '/api/v2/runs/query';

let emulator: LangSmithEmulator;
let expected: number;

beforeAll(async () => {
  emulator = await startLangSmithEmulator();
  expected = (await readAll(await sourceFor(emulator, { project: 'support-bot' }), { since, until })).records
    .length;
});
afterEach(() => {
  emulator.clearFaults();
});
afterAll(async () => {
  await emulator.stop();
});

function requestsTo(path: string, from: number): number {
  return emulator.requests.slice(from).filter((request) => request.path === path).length;
}

async function readWith(config: { timeoutMs?: number } = {}) {
  const delays: number[] = [];
  const before = emulator.requests.length;
  const source = await sourceFor(emulator, { project: 'support-bot', ...config }, instantRetries(delays));
  const result = await readAll(source, { since, until });
  return { ...result, delays, requests: requestsTo(runsQuery, before) };
}

describe('LangSmith source reliability', () => {
  it('waits as long as a 429 Retry-After asks, then reads everything', async () => {
    emulator.addFault({ kind: 'rate-limit', path: runsQuery, retryAfter: '3', skip: 1 });
    const { records, delays, requests } = await readWith();
    expect(records).toHaveLength(expected);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(3000);
    expect(requests).toBe(Math.ceil(expected / 100) + 1);
  });

  it('retries 5xx with growing, jittered backoff', async () => {
    emulator.addFault({ kind: 'status', status: 503, path: runsQuery, times: 3 });
    const { records, delays } = await readWith();
    expect(records).toHaveLength(expected);
    expect(delays).toHaveLength(3);
    delays.forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(500 * 2 ** index);
    });
  });

  it('retries a response slower than timeoutMs', async () => {
    emulator.addFault({ kind: 'slow', path: runsQuery, delayMs: 5000 });
    const { records, delays } = await readWith({ timeoutMs: 1000 });
    expect(records).toHaveLength(expected);
    // The slow answer was given up on and retried (a loaded machine may time out a prompt retry too).
    expect(delays.length).toBeGreaterThanOrEqual(1);
  });

  it('retries a truncated JSON page', async () => {
    emulator.addFault({ kind: 'truncate', path: runsQuery, skip: 2 });
    const { records, delays } = await readWith();
    expect(records).toHaveLength(expected);
    expect(delays).toHaveLength(1);
  });

  it('retries a connection reset in the middle of a page', async () => {
    emulator.addFault({ kind: 'reset', path: runsQuery, skip: 1 });
    const { records, delays } = await readWith();
    expect(records).toHaveLength(expected);
    expect(new Set(records.map((record) => record.id)).size).toBe(expected);
    expect(delays).toHaveLength(1);
  });

  it('gives up after 5 attempts, naming the endpoint', async () => {
    emulator.addFault({ kind: 'status', status: 502, path: runsQuery, times: Number.POSITIVE_INFINITY });
    const before = emulator.requests.length;
    const error = (await readWith().catch((caught: unknown) => caught)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.exitCode).toBe(3);
    expect(error.statusCode).toBe(502);
    expect(error.message).toMatch(
      new RegExp(
        `^source 'prod': POST ${emulator.url}/api/v2/runs/query failed: 502 injected 502 \\(gave up after 5 attempts in \\d+\\.\\d s\\)$`,
      ),
    );
    expect(requestsTo(runsQuery, before)).toBe(5);
  });

  it('stays within the total time: a long Retry-After ends the retries early', async () => {
    emulator.addFault({
      kind: 'rate-limit',
      path: runsQuery,
      retryAfter: '100',
      times: Number.POSITIVE_INFINITY,
    });
    const before = emulator.requests.length;
    const error = (await readWith().catch((caught: unknown) => caught)) as ApiCallError;
    expect(error.statusCode).toBe(429);
    expect(error.message).toContain('gave up after 2 attempts in 100.0 s');
    expect(requestsTo(runsQuery, before)).toBe(2);
  });

  it('fails at once on a 401, naming the endpoint and the variable, with the key redacted', async () => {
    const before = emulator.requests.length;
    const env = { LANGSMITH_API_KEY: 'lsv2_pt_wrong_key_1234567890abcdef', LANGSMITH_ENDPOINT: emulator.url };
    const source = await sourceFor(emulator, { project: 'support-bot' }, instantRetries(), env);
    const error = (await readAll(source).catch((caught: unknown) => caught)) as ApiCallError;
    expect(error.message).toBe(
      `source 'prod': LangSmith rejected the API key LANGSMITH_API_KEY=…cdef at GET ${emulator.url}/sessions: 401 Invalid token. Check the key, and that LANGSMITH_ENDPOINT points at the deployment it belongs to.`,
    );
    expect(error.isRetryable).toBe(false);
    expect(emulator.requests.length - before).toBe(1);
  });

  it('fails at once on a 403, naming the workspace', async () => {
    const env = {
      LANGSMITH_API_KEY: emulator.apiKey,
      LANGSMITH_ENDPOINT: emulator.url,
      LANGCHAIN_WORKSPACE_ID: 'other',
    };
    const source = await sourceFor(emulator, { project: 'support-bot' }, instantRetries(), env);
    await expect(readAll(source)).rejects.toThrow(
      `LangSmith refused GET ${emulator.url}/sessions for the API key LANGSMITH_API_KEY=…cdef: 403 No access to workspace other. Check that the key may read workspace other (LANGSMITH_WORKSPACE_ID).`,
    );
  });

  it('does not retry a 400, and shows why the server refused', async () => {
    const before = emulator.requests.length;
    const source = await sourceFor(emulator, { project: 'support-bot', filter: 'eq(colour, "red")' });
    await expect(readAll(source, { since, until })).rejects.toThrow(
      `POST ${emulator.url}/api/v2/runs/query failed: 400 Invalid filter: unknown field colour`,
    );
    expect(requestsTo(runsQuery, before)).toBe(1);
  });

  it('stops when its signal is aborted, even while waiting to retry', async () => {
    emulator.addFault({ kind: 'status', status: 503, path: runsQuery, times: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    const source = await sourceFor(emulator, { project: 'support-bot' }, {});
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    const started = Date.now();
    await expect(readAll(source, { since, until, signal: controller.signal })).rejects.toThrow(
      'cancelled by the user',
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('leaves a failed source’s SLOs without data while the other sources evaluate', async () => {
    const env = { LANGSMITH_API_KEY: 'lsv2_pt_wrong_key_1234567890abcdef', LANGSMITH_ENDPOINT: emulator.url };
    const broken = await sourceFor(emulator, { project: 'support-bot' }, instantRetries(), env);
    const report = await check(
      defineConfig({
        sources: { prod: { type: 'langsmith', project: 'support-bot' }, local: { type: 'memory' } },
        slos: [
          {
            name: 'p95',
            source: 'prod',
            sli: { metric: 'latency_ms', aggregate: 'p95' },
            objective: { op: 'lte', target: 2000 },
          },
          {
            name: 'local-p95',
            source: 'local',
            sli: { metric: 'latency_ms', aggregate: 'p95' },
            objective: { op: 'lte', target: 2000 },
          },
        ],
      }),
      { at: until, sources: { prod: broken, local: createMemorySource('local', [{ latency_ms: 900 }]) } },
    );
    const [prod, local] = report.slos;
    expect(prod).toMatchObject({ status: 'no_data', value: null });
    expect(prod!.notes[0]).toContain(
      "not evaluated: source 'prod': LangSmith rejected the API key LANGSMITH_API_KEY=…cdef",
    );
    expect(local).toMatchObject({ status: 'ok', value: 900 });
    expect(report.sources.find((source) => source.name === 'prod')!.error).toContain('401');
  });
});
