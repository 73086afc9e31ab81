import { generateSupportBotTraffic, quickstartTrafficOptions } from '@slokit/testkit';
import { type LangSmithEmulator, startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll, sourceFor } from '../test-support/langsmith-fixture.js';
import { sdkClient } from '../test-support/write-records-with-sdk.js';

const since = new Date('2026-11-26T13:00:00Z');
const until = new Date('2026-11-26T14:00:00Z');
const generated = [...generateSupportBotTraffic(quickstartTrafficOptions)];
const inLastHour = generated.filter((record) => {
  const time = Date.parse(record.timestamp);
  return time > since.getTime() && time <= until.getTime();
});

let emulator: LangSmithEmulator;

beforeAll(async () => {
  // A server clock months later: nothing may depend on the v2 API's one-day default window.
  emulator = await startLangSmithEmulator({ now: () => Date.parse('2027-03-01T00:00:00Z') });
});
afterAll(async () => {
  await emulator.stop();
});

function lastBody(path: string): Record<string, unknown> {
  const request = emulator.requests.filter((entry) => entry.path === path).at(-1);
  return request?.body as Record<string, unknown>;
}

describe('LangSmith source on a project', () => {
  it('reads the root runs of a window as records with every field', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot' });
    const { records, times, issues } = await readAll(source, { since, until });
    expect(issues).toEqual([]);
    expect(records).toHaveLength(inLastHour.length);
    const byRequest = new Map(
      records.map((record, index) => [record.metadata?.request_id, { record, time: times[index] }]),
    );
    const project = emulator.project('support-bot')!;
    for (const expected of inLastHour) {
      const { record, time } = byRequest.get(expected.id)!;
      expect(time).toBe(Date.parse(expected.timestamp));
      expect(record).toMatchObject({
        timestamp: expected.timestamp,
        latency_ms: expected.latency_ms,
        status: expected.status,
        tokens: expected.tokens,
        tags: expected.tags,
        metadata: { ...expected.metadata, request_id: expected.id },
        source: 'prod',
        url: `http://localhost:3000/o/${emulator.tenantId}/projects/p/${project.id}/r/${record.id}?poll=true`,
      });
      expect(record.cost_usd).toBeCloseTo(expected.cost_usd, 9);
      if (expected.error) expect(record.error).toBe(expected.error);
      const scores = Object.fromEntries(
        Object.entries(expected.scores ?? {}).map(([key, value]) => [
          key,
          typeof value === 'boolean' ? Number(value) : value,
        ]),
      );
      expect(record.scores ?? {}).toEqual(scores);
    }
  });

  it('asks v2 for narrow fields, never inputs or outputs', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot' });
    await readAll(source, { since, until });
    const body = lastBody('/api/v2/runs/query');
    expect(body.selects).not.toContain('INPUTS');
    expect(body.selects).not.toContain('OUTPUTS');
    expect(body).toMatchObject({
      min_start_time: since.toISOString(),
      max_start_time: until.toISOString(),
      is_root: true,
      include_subtree_usage: true,
    });
    expect(source.queryApi).toBe('v2');
  });

  it('counts child runs only with rootOnly: false', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot', rootOnly: false });
    const { records } = await readAll(source, { since, until });
    const llmRuns = records.filter((record) => record.metadata?.ls_model_name !== undefined);
    expect(llmRuns.length).toBeGreaterThan(inLastHour.length * 0.9);
    expect(records.length).toBe(inLastHour.length + llmRuns.length);
  });

  it('passes the filter through', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot', filter: 'has(tags, "gpt-4o-mini")' });
    const { records } = await readAll(source, { since, until });
    expect(records.length).toBe(
      inLastHour.filter((record) => record.metadata.model === 'gpt-4o-mini').length,
    );
    expect(lastBody('/api/v2/runs/query').filter).toBe('has(tags, "gpt-4o-mini")');
  });

  it('asks LangSmith for run counts and feedback keys without paging (stats)', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot' });
    const [stats] = await source.stats({ since, until });
    const errors = inLastHour.filter((record) => record.status === 'error').length;
    expect(stats).toMatchObject({ target: 'support-bot', runCount: inLastHour.length });
    expect(stats!.errorRate).toBeCloseTo(errors / inLastHour.length, 12);
    expect(Object.keys(stats!.feedback).sort()).toEqual(['accuracy', 'helpfulness', 'toxicity']);
    expect(stats!.feedback.accuracy!.n).toBe(
      inLastHour.filter((record) => record.scores?.accuracy !== undefined).length,
    );
    expect(lastBody('/runs/stats')).toEqual({
      session: [emulator.project('support-bot')!.id],
      is_root: true,
      start_time: since.toISOString(),
      end_time: until.toISOString(),
    });
  });

  it('reads several projects as one source', async () => {
    const client = sdkClient(emulator);
    await client.createProject({ projectName: 'support-bot-canary' });
    await client.createRun({
      id: '0194f1a2-0000-7000-8000-000000000001',
      name: 'support-bot',
      run_type: 'chain',
      project_name: 'support-bot-canary',
      inputs: { question: 'hello' },
      outputs: { answer: 'hi' },
      start_time: Date.parse('2026-11-26T13:30:00Z'),
      end_time: Date.parse('2026-11-26T13:30:01.250Z'),
    });
    const source = await sourceFor(emulator, { projects: ['support-bot', 'support-bot-canary'] });
    const { records } = await readAll(source, { since, until });
    expect(records).toHaveLength(inLastHour.length + 1);
    const canary = records.find((record) => record.id === '0194f1a2-0000-7000-8000-000000000001')!;
    expect(canary).toMatchObject({ latency_ms: 1250, status: 'success' });
    expect(canary.url).toContain(`/projects/p/${emulator.project('support-bot-canary')!.id}/`);
  });

  it('reads every record without a window, however old', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot' });
    const { records } = await readAll(source);
    expect(records).toHaveLength(generated.length);
  });

  it('reports runs it cannot use, with where they are', async () => {
    const project = emulator.project('support-bot')!;
    const root = [...emulator.state.runs.values()].find((run) => run.session_id === project.id)!;
    emulator.state.insertRun({
      ...root,
      id: '0194f1a2-0000-7000-8000-0000000000ee',
      trace_id: '0194f1a2-0000-7000-8000-0000000000ee',
      start: Date.parse('2026-11-26T13:59:00Z'),
      end: Date.parse('2026-11-26T13:58:00Z'),
    });
    try {
      const source = await sourceFor(emulator, { project: 'support-bot' });
      const { records, issues } = await readAll(source, { since, until });
      expect(records).toHaveLength(inLastHour.length);
      expect(issues).toEqual([
        {
          source: 'prod',
          location: "LangSmith project 'support-bot', run 0194f1a2-0000-7000-8000-0000000000ee",
          message: 'the run ends before it starts (latency -60000 ms)',
        },
      ]);
    } finally {
      emulator.state.runs.get('0194f1a2-0000-7000-8000-0000000000ee')!.end =
        Date.parse('2026-11-26T13:59:01Z');
    }
  });

  it('names a project that does not exist', async () => {
    const source = await sourceFor(emulator, { project: 'no-such-project' });
    await expect(readAll(source)).rejects.toThrow(
      "source 'prod': LangSmith has no tracing project named 'no-such-project'",
    );
  });
});

describe('LangSmith source on experiments', () => {
  it('reads an experiment’s per-example runs and its stats as eval metrics', async () => {
    const source = await sourceFor(emulator, { experiment: 'support-bot-eval-2026-11-25' });
    const { records } = await readAll(source);
    expect(records).toHaveLength(200);
    const summary = await source.readEvalSummary!();
    const experiment = emulator.project('support-bot-eval-2026-11-25')!;
    const dataset = [...emulator.state.datasets.values()][0]!;
    expect(summary).toMatchObject({
      name: 'support-bot-eval-2026-11-25',
      samples: 200,
      timestamp: '2026-11-25T13:30:00.000Z',
      url: `http://localhost:3000/o/${emulator.tenantId}/datasets/${dataset.id}/compare?selectedSessions=${experiment.id}`,
    });
    expect(Object.keys(summary!.metrics).sort()).toEqual([
      'error_rate',
      'feedback.correctness.avg',
      'feedback.faithfulness.avg',
      'feedback.helpfulness.avg',
      'latency_p50',
      'latency_p99',
      'run_count',
      'total_cost',
    ]);
    // The eval metrics agree with the records read from the same experiment.
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const scored = records.filter((record) => record.scores?.correctness !== undefined);
    expect(summary!.metrics['feedback.correctness.avg']).toBeCloseTo(
      mean(scored.map((record) => record.scores!.correctness as number)),
      12,
    );
    expect(summary!.metrics.error_rate).toBeCloseTo(
      records.filter((record) => record.status === 'error').length / records.length,
      12,
    );
    expect(summary!.metrics.total_cost).toBeCloseTo(
      records.reduce((sum, record) => sum + (record.cost_usd ?? 0), 0),
      9,
    );
    const latencies = records.map((record) => record.latency_ms! / 1000).sort((a, b) => a - b);
    expect(summary!.metrics.latency_p50).toBeCloseTo((latencies[99]! + latencies[100]!) / 2, 9);
  });

  it('reads the latest experiment of a dataset', async () => {
    const source = await sourceFor(emulator, { dataset: 'support-bot-eval' });
    const [target] = await source.targets();
    expect(target).toMatchObject({ kind: 'experiment', name: 'support-bot-eval-2026-11-26' });
    const summary = await source.readEvalSummary!();
    expect(summary?.name).toBe('support-bot-eval-2026-11-26');
    const { records } = await readAll(source);
    expect(records).toHaveLength(200);
    expect(new Set(records.map((record) => record.url!.split('/projects/p/')[1]!.split('/')[0]))).toEqual(
      new Set([target!.id]),
    );
  });

  it('names a dataset without experiments', async () => {
    await sdkClient(emulator).createDataset('fresh-dataset');
    const source = await sourceFor(emulator, { dataset: 'fresh-dataset' });
    await expect(source.readEvalSummary!()).rejects.toThrow(
      "source 'prod': the LangSmith dataset 'fresh-dataset' has no experiments yet",
    );
    const missing = await sourceFor(emulator, { dataset: 'no-such-dataset' });
    await expect(readAll(missing)).rejects.toThrow("LangSmith has no dataset named 'no-such-dataset'");
  });

  it('has no eval summary on a project source', async () => {
    const source = await sourceFor(emulator, { project: 'support-bot' });
    expect(source.readEvalSummary).toBeUndefined();
  });
});
