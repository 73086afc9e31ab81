import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { Client } from 'langsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClient } from './test-support/write-records-with-sdk.js';

/** The emulator answers the real `langsmith` SDK the way LangSmith does: its own readers and writers work on it. */
let emulator: LangSmithEmulator;
let client: Client;

beforeAll(async () => {
  emulator = await startLangSmithEmulator();
  client = sdkClient(emulator);
});
afterAll(async () => {
  await emulator.stop();
});

const window = { start: new Date('2026-11-26T13:00:00Z'), end: new Date('2026-11-26T14:00:00Z') };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('the langsmith SDK against the emulator', () => {
  it('pages projects by offset (listProjects) and reads one by name or id with stats', async () => {
    for (let index = 0; index < 105; index++) await client.createProject({ projectName: `bulk-${index}` });
    const projects = await collect(client.listProjects({ nameContains: 'bulk-' }));
    expect(projects).toHaveLength(105);
    expect(
      emulator.requests.filter((request) => request.path === '/sessions' && request.query.name_contains),
    ).toHaveLength(2);
    const byName = await client.readProject({ projectName: 'support-bot' });
    const byId = await client.readProject({ projectId: byName.id, includeStats: true });
    expect(byId).toMatchObject({ name: 'support-bot', tenant_id: emulator.tenantId, run_count: 5631 });
  });

  it('lists the experiments of a dataset with their stats', async () => {
    const experiments = await collect(
      client.listProjects({ referenceDatasetName: 'support-bot-eval', includeStats: true }),
    );
    expect(experiments.map((experiment) => experiment.name).sort()).toEqual([
      'support-bot-eval-2026-11-25',
      'support-bot-eval-2026-11-26',
    ]);
    expect(experiments[0]).toMatchObject({ run_count: 200 });
    expect(
      Object.keys((experiments[0] as unknown as { feedback_stats: object }).feedback_stats).sort(),
    ).toEqual(['correctness', 'faithfulness', 'helpfulness']);
  });

  it('reads the same runs through listRuns (legacy) and client.runs.query (v2)', async () => {
    process.noDeprecation = true;
    const legacy = await collect(
      client.listRuns({
        projectName: 'support-bot',
        isRoot: true,
        startTime: window.start,
        filter: `lte(start_time, "${window.end.toISOString()}")`,
      }),
    );
    const project = emulator.project('support-bot')!;
    const v2 = await collect(
      client.runs.query({
        project_ids: [project.id],
        is_root: true,
        min_start_time: window.start.toISOString(),
        max_start_time: window.end.toISOString(),
        selects: ['ID', 'START_TIME', 'TOTAL_COST'],
        // The cost is on each trace's LLM run; the legacy API sums it on the root, v2 only when asked to.
        include_subtree_usage: true,
      }),
    );
    expect(legacy.length).toBeGreaterThan(200);
    expect(v2.map((run) => run.id)).toEqual(legacy.map((run) => run.id));
    // The SDK appends Z to the legacy API's zone-less times; v2 sends them with a zone.
    expect(legacy[0]!.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(String(legacy[0]!.start_time))).toBe(Date.parse(v2[0]!.start_time!));
    expect(Number((legacy[0] as unknown as { total_cost: string }).total_cost)).toBeCloseTo(
      v2[0]!.total_cost!,
      9,
    );
    expect(legacy[0]!.inputs).toHaveProperty('question');
  });

  it('pages v2 sessions by cursor (client.sessions.listV2)', async () => {
    const sessions = await collect(client.sessions.listV2({ name_contains: 'bulk-', limit: 50 } as never));
    expect(sessions).toHaveLength(105);
  });

  it('aggregates a window with getRunStats', async () => {
    const project = emulator.project('support-bot')!;
    const stats = (await client.getRunStats({
      projectIds: [project.id],
      isRoot: true,
      startTime: window.start.toISOString(),
      endTime: window.end.toISOString(),
    })) as { run_count: number; error_rate: number; latency_p50: number };
    const runs = await collect(
      client.runs.query({
        project_ids: [project.id],
        is_root: true,
        min_start_time: window.start.toISOString(),
        max_start_time: window.end.toISOString(),
        selects: ['ID', 'STATUS'],
      }),
    );
    expect(stats.run_count).toBe(runs.length);
    expect(stats.error_rate).toBeCloseTo(
      runs.filter((run) => run.status === 'ERROR').length / runs.length,
      12,
    );
  });

  it('writes and lists feedback, and updates a project', async () => {
    const project = emulator.project('support-bot')!;
    const [run] = await collect(
      client.runs.query({
        project_ids: [project.id],
        min_start_time: window.start.toISOString(),
        selects: ['ID'],
        page_size: 1,
      }),
    );
    await client.createFeedback(run!.id!, 'user_rating', {
      score: 0.123456,
      sessionId: project.id,
      comment: 'ok',
    });
    const feedback = await collect(
      client.listFeedback({ runIds: [run!.id!], feedbackKeys: ['user_rating'] }),
    );
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ key: 'user_rating', score: 0.1235, run_id: run!.id });
    const updated = await client.updateProject(project.id, {
      description: 'the support bot',
      metadata: { team: 'support' },
    });
    expect(updated).toMatchObject({
      name: 'support-bot',
      description: 'the support bot',
      extra: { metadata: { team: 'support' } },
    });
  });

  it('gets a 401 for a wrong key, at once', async () => {
    const wrong = new Client({ apiUrl: emulator.url, apiKey: 'lsv2_pt_wrong', autoBatchTracing: false });
    const before = emulator.requests.length;
    await expect(wrong.readProject({ projectName: 'support-bot' })).rejects.toMatchObject({ status: 401 });
    expect(emulator.requests.length - before).toBe(1);
  });
});
