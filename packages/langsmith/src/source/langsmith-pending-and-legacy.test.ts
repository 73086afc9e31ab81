import { startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { describe, expect, it } from 'vitest';
import { instantRetries, readAll, sourceFor } from '../test-support/langsmith-fixture.js';
import { dotted, sdkClient } from '../test-support/write-records-with-sdk.js';

const since = new Date('2026-11-26T13:00:00Z');
const until = new Date('2026-11-26T14:00:00Z');
const ids = Array.from({ length: 7 }, (_, index) => `0194f1a2-0000-7000-8000-00000000010${index}`);

/** Seven traces written with the SDK, one a minute from 13:10; the fourth (index 3) is still running. */
async function liveProject() {
  const emulator = await startLangSmithEmulator({ seed: false });
  const client = sdkClient(emulator);
  await client.createProject({ projectName: 'live' });
  for (const [index, id] of ids.entries()) {
    const start = Date.parse('2026-11-26T13:10:00Z') + index * 60_000;
    await client.createRun({
      id,
      name: 'support-bot',
      run_type: 'chain',
      project_name: 'live',
      inputs: { question: `q${index}` },
      start_time: start,
      ...(index === 3 ? {} : { end_time: start + 800 + index, outputs: { answer: `a${index}` } }),
    });
  }
  return { emulator, client, pendingId: ids[3]! };
}

describe('pending runs', () => {
  it('are not records, and are picked up once they finish', async () => {
    const { emulator, client, pendingId } = await liveProject();
    try {
      const source = await sourceFor(emulator, { project: 'live', pageSize: 2 });
      const first = await readAll(source, { since, until });
      expect(first.records.map((record) => record.id).sort()).toEqual(
        ids.filter((id) => id !== pendingId).sort(),
      );
      expect(first.records.every((record) => record.status === 'success')).toBe(true);

      await client.updateRun(pendingId, {
        end_time: Date.parse('2026-11-26T13:13:02.5Z'),
        error: 'Request timed out after 2500 ms',
        trace_id: pendingId,
        dotted_order: dotted(Date.parse('2026-11-26T13:13:00Z'), pendingId),
      });
      const second = await readAll(source, { since, until });
      expect(second.records).toHaveLength(7);
      expect(second.records.find((record) => record.id === pendingId)).toMatchObject({
        status: 'error',
        latency_ms: 2500,
        error: 'Request timed out after 2500 ms',
      });
    } finally {
      await emulator.stop();
    }
  });

  it('that finish while a read pages on are looked at again at its end', async () => {
    const { emulator, pendingId } = await liveProject();
    try {
      let pages = 0;
      const finishAfterFirstPage: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/api/v2/runs/query') && ++pages === 2) {
          emulator.state.updateRun(pendingId, { end_time: Date.parse('2026-11-26T13:13:01Z') });
        }
        return response;
      };
      const source = await sourceFor(
        emulator,
        { project: 'live', pageSize: 2 },
        { ...instantRetries(), fetch: finishAfterFirstPage },
      );
      const { records } = await readAll(source, { since, until });
      expect(records.map((record) => record.id).sort()).toEqual([...ids].sort());
      const recheck = emulator.requests.filter((request) => (request.body as { ids?: string[] })?.ids);
      expect(recheck.map((request) => (request.body as { ids: string[] }).ids)).toEqual([[pendingId]]);
    } finally {
      await emulator.stop();
    }
  });

  it('seen pending before a cursor are looked at again when the read resumes from it', async () => {
    const { emulator, pendingId } = await liveProject();
    try {
      const source = await sourceFor(emulator, { project: 'live', pageSize: 2 });
      const seen: string[] = [];
      let cursor: string | undefined;
      for await (const batch of source.readRecords({ since, until })) {
        seen.push(...batch.records.map((record) => record.id!));
        // Stop once the page holding the pending run has been read.
        if (batch.records.some((record) => record.id === ids[2])) {
          cursor = batch.cursor;
          break;
        }
      }
      expect(seen).not.toContain(pendingId);
      emulator.state.updateRun(pendingId, { end_time: Date.parse('2026-11-26T13:13:01Z') });
      const rest = await readAll(source, { since, until, cursor: cursor! });
      const all = [...seen, ...rest.records.map((record) => record.id!)];
      expect(all.sort()).toEqual([...ids].sort());
    } finally {
      await emulator.stop();
    }
  });
});

describe('a server without the v2 API (older self-hosted)', () => {
  it('is read through the legacy POST /runs/query, with narrow fields', async () => {
    const emulator = await startLangSmithEmulator({ apiV2: false });
    try {
      const source = await sourceFor(emulator, { project: 'support-bot' });
      const { records } = await readAll(source, { since, until });
      expect(source.queryApi).toBe('v1');
      expect(records.length).toBeGreaterThan(200);
      expect(emulator.requests.filter((request) => request.path === '/api/v2/runs/query')).toHaveLength(1);
      const legacy = emulator.requests.filter((request) => request.path === '/runs/query');
      expect(legacy.length).toBeGreaterThan(2);
      const body = legacy[0]!.body as { select: string[]; filter: string; start_time: string };
      expect(body.select).not.toContain('inputs');
      expect(body.select).not.toContain('outputs');
      expect(body.filter).toBe('lte(start_time, "2026-11-26T14:00:00.000Z")');
      expect(body.start_time).toBe(since.toISOString());
      // Legacy costs are decimal strings and metadata sits in extra.metadata; the records are the same.
      const v2 = await startLangSmithEmulator();
      try {
        const fromV2 = await readAll(await sourceFor(v2, { project: 'support-bot' }), { since, until });
        const strip = (record: (typeof records)[number]) => ({ ...record, url: undefined });
        expect(records.map(strip)).toEqual(fromV2.records.map(strip));
      } finally {
        await v2.stop();
      }
    } finally {
      await emulator.stop();
    }
  });
});

describe('a self-hosted endpoint ending in /api/v1', () => {
  it('reads sessions under /api/v1 and runs under /api/v2, as the SDK addresses them', async () => {
    const emulator = await startLangSmithEmulator();
    try {
      const env = { LANGSMITH_API_KEY: emulator.apiKey, LANGSMITH_ENDPOINT: `${emulator.url}/api/v1` };
      const source = await sourceFor(emulator, { project: 'support-bot' }, instantRetries(), env);
      const { records } = await readAll(source, { since, until });
      expect(records.length).toBeGreaterThan(200);
      const paths = new Set(emulator.requests.map((request) => request.path));
      expect(paths).toEqual(new Set(['/api/v1/sessions', '/api/v2/runs/query']));
      // The SDK's rule: an API on localhost has its UI on port 3000.
      expect(records[0]!.url).toMatch(/^http:\/\/localhost:3000\/o\//);
    } finally {
      await emulator.stop();
    }
  });
});

describe('workspaces', () => {
  it('an org-scoped key needs LANGSMITH_WORKSPACE_ID, which is sent as x-tenant-id', async () => {
    const emulator = await startLangSmithEmulator({ orgScopedKey: true });
    try {
      const env = { LANGSMITH_API_KEY: emulator.apiKey, LANGSMITH_ENDPOINT: emulator.url };
      const without = await sourceFor(emulator, { project: 'support-bot' }, instantRetries(), env);
      const error = await readAll(without, { since, until }).catch((caught: Error) => caught);
      expect((error as Error).message).toBe(
        `source 'prod': LangSmith refused GET ${emulator.url}/sessions for the API key LANGSMITH_API_KEY=…cdef: 403, the key is org-scoped. Set LANGSMITH_WORKSPACE_ID (or workspaceId in sources.prod) to the workspace to read.`,
      );
      const scoped = await sourceFor(emulator, { project: 'support-bot' }, instantRetries(), {
        ...env,
        LANGSMITH_WORKSPACE_ID: emulator.tenantId,
      });
      const { records } = await readAll(scoped, { since, until });
      expect(records.length).toBeGreaterThan(200);
      expect(emulator.requests.at(-1)!.headers['x-tenant-id']).toBe(emulator.tenantId);
    } finally {
      await emulator.stop();
    }
  });
});
