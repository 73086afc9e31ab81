import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickstartTrafficOptions } from '../quickstart-example.js';
import { generateSupportBotTraffic } from '../support-bot-traffic.js';
import { type LangSmithEmulator, startLangSmithEmulator } from './start-langsmith-emulator.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests read response bodies as loose JSON.
type Json = any;

let emulator: LangSmithEmulator;
const now = Date.parse('2026-11-26T14:30:00Z');

beforeAll(async () => {
  emulator = await startLangSmithEmulator({ now: () => now });
});
afterAll(async () => {
  await emulator.stop();
});

function call(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return fetch(emulator.url + path, {
    method: init.method ?? 'GET',
    headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function json(path: string, init: Parameters<typeof call>[1] = {}) {
  const response = await call(path, init);
  expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(200);
  return (await response.json()) as Json;
}

describe('LangSmith emulator', () => {
  it('is seeded with the quickstart day and two experiments', async () => {
    const [project] = await json('/sessions?name=support-bot&include_stats=true');
    const expected = [...generateSupportBotTraffic(quickstartTrafficOptions)];
    expect(project.run_count).toBe(expected.length);
    expect(project.error_rate).toBeCloseTo(
      expected.filter((record) => record.status === 'error').length / expected.length,
      12,
    );
    const totalCost = expected.reduce((sum, record) => sum + record.cost_usd, 0);
    expect(project.total_cost).toBeCloseTo(totalCost, 6);
    expect(Object.keys(project.feedback_stats).sort()).toEqual(['accuracy', 'helpfulness', 'toxicity']);
    const [dataset] = await json('/datasets?name=support-bot-eval');
    const experiments = await json(`/sessions?reference_dataset=${dataset.id}&include_stats=true`);
    expect(experiments.map((session: { name: string }) => session.name)).toEqual([
      'support-bot-eval-2026-11-26',
      'support-bot-eval-2026-11-25',
    ]);
    expect(experiments[0].run_count).toBe(200);
    expect(Object.keys(experiments[0].feedback_stats).sort()).toEqual([
      'correctness',
      'faithfulness',
      'helpfulness',
    ]);
  });

  it('requires x-api-key, except on /info', async () => {
    expect((await fetch(`${emulator.url}/sessions`)).status).toBe(401);
    expect((await call('/sessions', { headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
    expect((await call('/sessions', { headers: { 'x-tenant-id': 'other-workspace' } })).status).toBe(403);
    const info = await (await fetch(`${emulator.url}/info`)).json();
    expect(info).toMatchObject({ version: '0.18.0', batch_ingest_config: { use_multipart_endpoint: false } });
  });

  it('pages runs by cursor, newest first, in both query APIs', async () => {
    const project = emulator.project('support-bot')!;
    const body = {
      project_ids: [project.id],
      min_start_time: '2026-11-26T13:00:00Z',
      max_start_time: '2026-11-26T14:00:00Z',
      is_root: true,
      selects: ['ID', 'START_TIME', 'STATUS'],
      page_size: 100,
    };
    const ids: string[] = [];
    const times: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await json('/api/v2/runs/query', { method: 'POST', body: { ...body, cursor } });
      for (const run of page.items) {
        ids.push(run.id);
        times.push(Date.parse(run.start_time));
        expect(Object.keys(run).sort()).toEqual(['id', 'start_time', 'status']);
        expect(['SUCCESS', 'ERROR']).toContain(run.status);
      }
      cursor = page.next_cursor;
    } while (cursor);
    const expected = [...generateSupportBotTraffic(quickstartTrafficOptions)].filter((record) => {
      const time = Date.parse(record.timestamp);
      return time >= Date.parse('2026-11-26T13:00:00Z') && time <= Date.parse('2026-11-26T14:00:00Z');
    });
    expect(new Set(ids).size).toBe(expected.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const legacyIds: string[] = [];
    let next: string | null = null;
    do {
      const page: Json = await json('/runs/query', {
        method: 'POST',
        body: {
          session: [project.id],
          is_root: true,
          start_time: '2026-11-26T13:00:00Z',
          filter: 'lte(start_time, "2026-11-26T14:00:00Z")',
          select: ['id', 'start_time', 'total_cost'],
          cursor: next,
        },
      });
      for (const run of page.runs) {
        legacyIds.push(run.id);
        expect(run.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
        expect(typeof run.total_cost).toBe('string');
      }
      next = page.cursors.next;
    } while (next);
    expect(legacyIds).toEqual(ids);
  });

  it('defaults v2 queries to the last day and returns only ids without selects', async () => {
    const project = emulator.project('support-bot')!;
    const page: Json = await json('/api/v2/runs/query', {
      method: 'POST',
      body: { project_ids: [project.id], is_root: true, page_size: 5 },
    });
    expect(page.items).toHaveLength(5);
    expect(Object.keys(page.items[0])).toEqual(['id']);
    const old: Json = await json('/api/v2/runs/query', {
      method: 'POST',
      body: { project_ids: [project.id], max_start_time: '2026-11-25T14:30:00Z', selects: ['ID'] },
    });
    expect(old.items).toEqual([]);
  });

  it('rejects unknown selects, bad filters and both scopes at once', async () => {
    const project = emulator.project('support-bot')!;
    const post = (body: unknown) => call('/api/v2/runs/query', { method: 'POST', body });
    expect((await post({ project_ids: [project.id], selects: ['COLOUR'] })).status).toBe(422);
    expect((await post({ project_ids: [project.id], filter: 'eq(colour, "red")' })).status).toBe(400);
    const dataset = [...emulator.state.datasets.values()][0]!;
    expect((await post({ project_ids: [project.id], reference_dataset_id: dataset.id })).status).toBe(422);
    expect((await call('/no/such/route')).status).toBe(404);
  });

  it('answers POST /runs/stats with flat stats over a window', async () => {
    const project = emulator.project('support-bot')!;
    const stats = await json('/runs/stats', {
      method: 'POST',
      body: {
        session: [project.id],
        is_root: true,
        start_time: '2026-11-26T13:25:00Z',
        end_time: '2026-11-26T13:35:00Z',
      },
    });
    const expected = [...generateSupportBotTraffic(quickstartTrafficOptions)].filter((record) => {
      const time = Date.parse(record.timestamp);
      return time >= Date.parse('2026-11-26T13:25:00Z') && time <= Date.parse('2026-11-26T13:35:00Z');
    });
    expect(stats.run_count).toBe(expected.length);
    expect(stats.error_rate).toBeCloseTo(
      expected.filter((record) => record.status === 'error').length / expected.length,
      12,
    );
  });

  it('injects faults into matching requests only, the given number of times', async () => {
    emulator.addFault({ kind: 'rate-limit', path: '/sessions', retryAfter: '2' });
    const limited = await call('/sessions?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await call('/sessions?limit=1')).status).toBe(200);

    emulator.addFault({ kind: 'status', status: 502, path: '/datasets', skip: 1 });
    expect((await call('/datasets')).status).toBe(200);
    expect((await call('/datasets')).status).toBe(502);
    expect((await call('/datasets')).status).toBe(200);

    emulator.addFault({ kind: 'truncate', path: '/sessions' });
    const truncated = await call('/sessions?limit=1');
    expect(truncated.status).toBe(200);
    await expect(truncated.json()).rejects.toThrow(SyntaxError);

    emulator.addFault({ kind: 'reset', path: '/sessions' });
    const reset = await call('/sessions?limit=5');
    await expect(reset.text()).rejects.toThrow();

    emulator.addFault({ kind: 'slow', path: '/sessions', delayMs: 300 });
    const started = Date.now();
    expect((await call('/sessions?limit=1')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    emulator.clearFaults();
  });

  it('logs requests without the API key', async () => {
    await call('/sessions?limit=1');
    const last = emulator.requests.at(-1)!;
    expect(last).toMatchObject({ method: 'GET', path: '/sessions', query: { limit: ['1'] }, status: 200 });
    expect(JSON.stringify(emulator.requests)).not.toContain(emulator.apiKey);
    expect(emulator.dump()).not.toContain(emulator.apiKey);
  });
});

describe('LangSmith emulator variants', () => {
  it('answers 404 on /api/v2 when it plays an older self-hosted server', async () => {
    const old = await startLangSmithEmulator({ seed: false, apiV2: false });
    try {
      const response = await fetch(`${old.url}/api/v2/runs/query`, {
        method: 'POST',
        headers: { 'x-api-key': old.apiKey, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: 'Not Found' });
      expect(await (await fetch(`${old.url}/info`)).json()).toMatchObject({ version: '0.15.4' });
    } finally {
      await old.stop();
    }
  });

  it('requires a workspace for an org-scoped key', async () => {
    const scoped = await startLangSmithEmulator({ seed: false, orgScopedKey: true });
    try {
      const headers = { 'x-api-key': scoped.apiKey };
      const missing = await fetch(`${scoped.url}/sessions`, { headers });
      expect(missing.status).toBe(403);
      expect(await missing.json()).toMatchObject({ error: 'org_scoped_key_requires_workspace' });
      const named = await fetch(`${scoped.url}/sessions`, {
        headers: { ...headers, 'x-tenant-id': scoped.tenantId },
      });
      expect(named.status).toBe(200);
    } finally {
      await scoped.stop();
    }
  });
});
