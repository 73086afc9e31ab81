import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowEmulator, startMlflowEmulator } from './index.js';

interface Exchange {
  name: string;
  request: {
    method: string;
    path: string;
    query?: Record<string, string | string[]>;
    headers?: Record<string, string>;
    body?: unknown;
  };
  response: { status: number; body: unknown };
}

const exchanges: Exchange[] = readFileSync(
  new URL('./fixtures/mlflow-3.6-recorded.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Exchange);
const byName = new Map(exchanges.map((exchange) => [exchange.name.slice(0, 3), exchange]));
const recorded = (number: string) => byName.get(number)!.response.body as Record<string, unknown>;

/**
 * Replays the 113 requests recorded against a real MLflow 3.6.1.dev0 server, in order, against the emulator and
 * compares each status and body. The setup the recordings did not capture (more runs, traces and assessments, the
 * earlier metric steps) is rebuilt from what the recorded responses show. Ids the emulator generates (runs,
 * assessments, a random run name) are mapped to the recorded ones; error messages are compared by presence only,
 * because the real ones are not stable (Python set ordering).
 */
describe('mlflow emulator: recorded real-server exchanges', () => {
  let emulator: MlflowEmulator;
  let clock = 1_795_726_393_000;
  /** recorded id → emulator id, and back. */
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  const results = new Map<string, { status: number; body: unknown }>();

  const learn = (recordedValue: string, actualValue: string) => {
    if (recordedValue === actualValue || forward.has(recordedValue)) return;
    forward.set(recordedValue, actualValue);
    backward.set(actualValue, recordedValue);
  };
  const mapText = (text: string, map: Map<string, string>) => {
    let result = text;
    for (const [from, to] of map) result = result.split(from).join(to);
    return result;
  };

  async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(emulator.url + path, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** What the recordings' setup did without recording it, run right before the exchange it must precede. */
  const setupBefore: Record<string, () => Promise<void>> = {
    '003': async () => {
      await api('POST', '/api/2.0/mlflow/experiments/create', { name: 'unrecorded-1' });
      await api('POST', '/api/2.0/mlflow/experiments/create', { name: 'unrecorded-2' });
      clock = 1_795_726_393_984;
    },
    '006': async () => {
      clock = 1_795_726_394_005;
      await api('POST', '/api/2.0/mlflow/experiments/create', {
        name: 'support-bot-prod',
        tags: [
          { key: 'team', value: 'support' },
          { key: 'env', value: 'prod' },
        ],
      });
      clock = 1_795_726_394_100;
      await api('POST', '/api/2.0/mlflow/experiments/create', { name: 'slo-results' });
    },
    '030': async () => {
      // The other eleven traces of support-bot-prod, with the assessments no recorded request created.
      const createdByRecordings = new Set(
        ['030', '031', '032'].map(
          (number) => (recorded(number).assessment as { assessment_id: string }).assessment_id,
        ),
      );
      for (const trace of recorded('077').traces as Array<Record<string, unknown>>) {
        if (trace.trace_id !== 'tr-392456de3eb13b9046685257bdd640fb') {
          const { assessments: _assessments, ...info } = trace;
          const tags = { ...(info.tags as Record<string, string>) };
          delete tags['mlflow.artifactLocation'];
          delete tags['mlflow.trace.spansLocation'];
          const body = JSON.parse(
            mapText(JSON.stringify({ trace: { trace_info: { ...info, tags } } }), forward),
          );
          await api('POST', '/api/3.0/mlflow/traces', body);
        }
      }
      for (const trace of recorded('077').traces as Array<Record<string, unknown>>) {
        for (const assessment of (trace.assessments ?? []) as Array<Record<string, unknown>>) {
          if (createdByRecordings.has(assessment.assessment_id as string)) continue;
          const { assessment_id, valid: _valid, ...input } = assessment;
          const created = await api('POST', `/api/3.0/mlflow/traces/${trace.trace_id}/assessments`, {
            assessment: input,
          });
          learn(assessment_id as string, (created.assessment as { assessment_id: string }).assessment_id);
        }
      }
    },
    '037': async () => {
      clock = Date.parse('2026-11-26T20:53:14.735Z');
    },
    '040': async () => {
      const evalRun = 'fb8bd73c41fe44819307df782a724da9';
      const history = (recorded('069').metrics as Array<Record<string, unknown>>).filter(
        (point) => point.step !== 4,
      );
      await api('POST', '/api/2.0/mlflow/runs/log-batch', { run_id: forward.get(evalRun), metrics: history });
      for (const run of recorded('057').runs as Array<{
        info: Record<string, unknown>;
        data: Record<string, unknown>;
      }>) {
        if (run.info.run_id === evalRun) continue;
        const tags = (run.data.tags as Array<{ key: string; value: string }>).filter(
          (tag) => tag.key !== 'mlflow.runName',
        );
        const created = await api('POST', '/api/2.0/mlflow/runs/create', {
          experiment_id: run.info.experiment_id,
          run_name: run.info.run_name,
          start_time: run.info.start_time,
          user_id: run.info.user_id,
          tags,
        });
        const runId = (created.run as { info: { run_id: string } }).info.run_id;
        learn(run.info.run_id as string, runId);
        await api('POST', '/api/2.0/mlflow/runs/log-batch', {
          run_id: runId,
          metrics: run.data.metrics,
          params: run.data.params,
        });
        await api('POST', '/api/2.0/mlflow/runs/update', {
          run_id: runId,
          status: run.info.status,
          end_time: run.info.end_time,
        });
      }
    },
  };

  beforeAll(async () => {
    emulator = await startMlflowEmulator({
      artifactRoot: '/srv/mlflow/artifacts',
      seed: 'replay',
      now: () => clock,
    });
    for (const exchange of exchanges) {
      const number = exchange.name.slice(0, 3);
      await setupBefore[number]?.();
      const { request } = exchange;
      const url = new URL(mapText(request.path, forward), emulator.url);
      for (const [key, value] of Object.entries(request.query ?? {})) {
        for (const item of Array.isArray(value) ? value : [value])
          url.searchParams.append(key, mapText(item, forward));
      }
      const body =
        request.body === undefined
          ? undefined
          : typeof request.body === 'string'
            ? request.body
            : mapText(JSON.stringify(request.body), forward);
      // A Buffer body, so fetch adds no Content-Type of its own (104 sends none).
      const response = await fetch(url, {
        method: request.method,
        ...(request.headers ? { headers: request.headers } : {}),
        ...(body === undefined ? {} : { body: Buffer.from(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      if ((response.headers.get('content-type') ?? '').includes('application/json')) {
        parsed = JSON.parse(text);
        learnIds(exchange.response.body, parsed);
        parsed = JSON.parse(mapText(text, backward));
      }
      results.set(exchange.name, { status: response.status, body: parsed });
    }
  }, 180_000);

  /** Ids the server generated in a response: where the recording has another value at the same place, map them. */
  function learnIds(expected: unknown, actual: unknown): void {
    if (Array.isArray(expected) && Array.isArray(actual)) {
      for (const [index, item] of expected.entries()) learnIds(item, actual[index]);
      return;
    }
    if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object')
      return;
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      const other = (actual as Record<string, unknown>)[key];
      if (['run_id', 'run_uuid', 'assessment_id', 'run_name'].includes(key)) {
        if (typeof value === 'string' && typeof other === 'string') learn(value, other);
      } else learnIds(value, other);
    }
  }

  afterAll(async () => {
    await emulator?.stop();
  });

  it('replays all 113 recordings', () => {
    expect(exchanges).toHaveLength(113);
    expect(results.size).toBe(113);
  });

  it.each(exchanges.map((exchange) => [exchange.name, exchange] as const))('%s', (name, exchange) => {
    const actual = results.get(name)!;
    expect(actual.status).toBe(exchange.response.status);
    expect(shapeOf(actual.body)).toEqual(shapeOf(exchange.response.body));
    expect(withoutMessages(actual.body)).toEqual(withoutMessages(exchange.response.body));
  });
});

/** The structure of a body: key sets, element by element, and primitive types. */
function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map((item) => shapeOf(item));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, shapeOf(item)]),
    );
  }
  return typeof value;
}

/**
 * Error messages are compared by presence only: the real server's are not stable between runs. The key-value lists
 * of v2 traces (`request_metadata`, `tags`) come from maps whose order varies too, so they are compared sorted.
 */
function withoutMessages(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutMessages(item));
  const object = value as Record<string, unknown>;
  if (typeof object.error_code === 'string') return { ...object, message: typeof object.message };
  return Object.fromEntries(
    Object.entries(object).map(([key, item]) => {
      const unordered = 'request_id' in object && (key === 'request_metadata' || key === 'tags');
      return [key, unordered ? sortByKey(item as Array<{ key: string }>) : withoutMessages(item)];
    }),
  );
}

function sortByKey(entries: Array<{ key: string }>): unknown {
  return [...entries].sort((a, b) => a.key.localeCompare(b.key));
}
