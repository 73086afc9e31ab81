import { Random } from '../random.js';
import { opRef } from './op-ref.js';
import { summarizeRows } from './summarize-rows.js';
import { parseTimestampMicros } from './timestamps.js';
import { contentDigest, type ProjectStore, type StoredCall } from './trace-store.js';
import { seededUuidV7 } from './uuid-v7.js';

export interface EvaluationRowSeed {
  /** The raw score each scorer returned: a number, a boolean, or a dict of them. */
  scores: Record<string, unknown>;
  /** Model time, ms (stored in seconds as `model_latency`, as the SDKs do). */
  modelLatencyMs: number;
  /** The model failed with this message: no scores, and the row reports the failure as its SDK does. */
  error?: string;
  usage?: { model: string; prompt: number; completion: number };
}

export interface EvaluationSeed {
  project: string;
  /** The Evaluation object's name. */
  name: string;
  /** The evaluated model's op name. Default `support_bot_model`. */
  model?: string;
  /** Which SDK logged it: `python` (`Evaluation.predict_and_score`, a summarize call) or `js` (`predictAndScore`). */
  sdk?: 'python' | 'js';
  startedAt: string;
  rows: EvaluationRowSeed[];
}

export interface SeededEvaluation {
  evaluationCallId: string;
  rowCallIds: string[];
  output: Record<string, unknown>;
  endedAt: string;
}

type Usage = Record<string, Record<string, number>>;

/** What every call of one evaluation shares, and the ids drawn so far. */
interface Evaluation {
  store: ProjectStore;
  seed: EvaluationSeed;
  sdk: 'python' | 'js';
  model: string;
  random: Random;
  evaluationRef: string;
  modelRef: string;
  rootId: string;
  startMicros: number;
  /** A call of the evaluation's trace, under the root unless it says otherwise. */
  call(fields: Partial<StoredCall> & Pick<StoredCall, 'id' | 'op_name' | 'startedMicros'>): StoredCall;
}

/** A row as stored: its call id, when it ended, its usage and its line of the summary. */
interface SeededRow {
  id: string;
  endMicros: number;
  usage: Usage | undefined;
  summary: Record<string, unknown>;
}

/**
 * Stores an evaluation run the way the SDKs log one: an `Evaluation.evaluate` root call whose output is the
 * aggregate summary, one predict-and-score child per row (with the model call and one call per scorer beneath it)
 * and, from Python, an `Evaluation.summarize` call. Rows run one after another from `startedAt`.
 */
export function seedEvaluation(store: ProjectStore, seed: EvaluationSeed): SeededEvaluation {
  const evaluation = startEvaluation(store, seed);
  let clock = evaluation.startMicros + 1000;
  const rows: SeededRow[] = [];
  for (const [index, row] of seed.rows.entries()) {
    const seeded = seedRow(evaluation, row, index, clock);
    rows.push(seeded);
    clock = seeded.endMicros + 1000;
  }
  const output = summarizeRows(rows.map((row) => row.summary));
  if (evaluation.sdk === 'python') {
    store.putCall(
      evaluation.call({
        id: seededUuidV7(clock / 1000, evaluation.random),
        op_name: opRef(seed.project, 'Evaluation.summarize'),
        startedMicros: clock,
        endedMicros: clock + 2000,
        inputs: { self: evaluation.evaluationRef },
        output,
      }),
    );
    clock += 3000;
  }
  store.putCall(rootCall(evaluation, rows, output, clock));
  return {
    evaluationCallId: evaluation.rootId,
    rowCallIds: rows.map((row) => row.id),
    output,
    endedAt: new Date(clock / 1000).toISOString(),
  };
}

/** Publishes the Evaluation object and draws the root call's and the trace's ids. */
function startEvaluation(store: ProjectStore, seed: EvaluationSeed): Evaluation {
  const sdk = seed.sdk ?? 'python';
  const model = seed.model ?? 'support_bot_model';
  const project = seed.project;
  const random = new Random(`${seed.name}:${seed.startedAt}`);
  const evaluation = store.putObject(
    seed.name,
    { _type: 'Evaluation', _class_name: 'Evaluation', _bases: ['Object', 'BaseModel'], name: seed.name },
    seed.startedAt,
    'Evaluation',
  );
  const startMicros = parseTimestampMicros(seed.startedAt)!;
  const rootId = seededUuidV7(startMicros / 1000, random);
  const traceId = seededUuidV7(startMicros / 1000, random);
  const attributes = {
    weave:
      sdk === 'python'
        ? { client_version: '0.51.56', source: 'python-sdk' }
        : { client_version: '0.11.1', source: 'js-sdk' },
  };
  return {
    store,
    seed,
    sdk,
    model,
    random,
    evaluationRef: `weave:///${project}/object/${seed.name}:${evaluation.digest}`,
    modelRef: opRef(project, model),
    rootId,
    startMicros,
    call: (fields) => ({
      project_id: project,
      display_name: null,
      trace_id: traceId,
      parent_id: rootId,
      thread_id: null,
      turn_id: null,
      attributes,
      inputs: {},
      endedMicros: null,
      exception: null,
      output: null,
      summary: {},
      wb_user_id: 'emulator-user',
      wb_run_id: null,
      wb_run_step: null,
      wb_run_step_end: null,
      ...fields,
    }),
  };
}

/** One row: the model call, a call per scorer (unless the model failed), and the predict-and-score call above. */
function seedRow(evaluation: Evaluation, row: EvaluationRowSeed, index: number, rowStart: number): SeededRow {
  const { store, seed, sdk, random } = evaluation;
  const rowId = seededUuidV7(rowStart / 1000, random);
  const modelEnd = rowStart + 500 + row.modelLatencyMs * 1000;
  const usage: Usage | undefined = row.usage
    ? {
        [row.usage.model]: {
          prompt_tokens: row.usage.prompt,
          completion_tokens: row.usage.completion,
          total_tokens: row.usage.prompt + row.usage.completion,
          requests: 1,
        },
      }
    : undefined;
  const answer = row.error ? null : { answer: `answer ${index + 1}` };
  store.putCall(
    evaluation.call({
      id: seededUuidV7(rowStart / 1000, random),
      op_name: evaluation.modelRef,
      parent_id: rowId,
      startedMicros: rowStart + 500,
      endedMicros: modelEnd,
      inputs: { question: `question ${index + 1}` },
      exception: row.error ?? null,
      output: answer,
      summary: usage ? { usage } : {},
    }),
  );
  let rowEnd = modelEnd + 500;
  if (!row.error) {
    for (const [scorer, value] of Object.entries(row.scores)) {
      store.putCall(
        evaluation.call({
          id: seededUuidV7(rowEnd / 1000, random),
          op_name: opRef(seed.project, scorer),
          parent_id: rowId,
          startedMicros: rowEnd,
          endedMicros: rowEnd + 200,
          inputs: { output: `answer ${index + 1}` },
          output: value,
        }),
      );
      rowEnd += 400;
    }
  }
  const modelLatency = row.modelLatencyMs / 1000;
  const scores = row.error ? {} : row.scores;
  const output =
    sdk === 'python'
      ? { output: answer, scores, model_latency: modelLatency }
      : { model_success: !row.error, model_output: answer, scores, model_latency: modelLatency };
  const rowSummary: Record<string, unknown> = usage ? { usage } : {};
  if (row.error && sdk === 'python')
    rowSummary.status_counts = { success: Object.keys(row.scores).length, error: 1 };
  store.putCall(
    evaluation.call({
      id: rowId,
      op_name: opRef(
        seed.project,
        sdk === 'python' ? 'Evaluation.predict_and_score' : 'Evaluation.predictAndScore',
      ),
      startedMicros: rowStart,
      endedMicros: rowEnd,
      inputs: {
        self: evaluation.evaluationRef,
        model: evaluation.modelRef,
        example: `weave:///${seed.project}/object/${seed.name}-dataset:${contentDigest(seed.name)}/attr/rows/id/${contentDigest(index)}`,
      },
      output,
      summary: rowSummary,
    }),
  );
  return {
    id: rowId,
    endMicros: rowEnd,
    usage,
    summary:
      sdk === 'python'
        ? { ...scores, model_latency: modelLatency }
        : { model_success: !row.error, ...scores, model_latency: modelLatency },
  };
}

/** The `Evaluation.evaluate` root: the summary as output, the rows' usage and, from Python, their status counts. */
function rootCall(
  evaluation: Evaluation,
  rows: readonly SeededRow[],
  output: Record<string, unknown>,
  endMicros: number,
): StoredCall {
  const { seed, sdk, model } = evaluation;
  let totalUsage: Usage = {};
  for (const row of rows) if (row.usage) totalUsage = mergeUsage(totalUsage, row.usage);
  const errors = seed.rows.filter((row) => row.error).length;
  const summary: Record<string, unknown> = Object.keys(totalUsage).length > 0 ? { usage: totalUsage } : {};
  if (errors > 0 && sdk === 'python') summary.status_counts = { success: seed.rows.length, error: errors };
  return evaluation.call({
    id: evaluation.rootId,
    parent_id: null,
    op_name: opRef(seed.project, 'Evaluation.evaluate'),
    display_name:
      sdk === 'python' ? `eval-${seed.startedAt.slice(0, 10)}-${seed.name}` : `${seed.name}_${model}`,
    startedMicros: evaluation.startMicros,
    endedMicros: endMicros,
    inputs: { self: evaluation.evaluationRef, model: evaluation.modelRef },
    output,
    summary,
  });
}

function mergeUsage(left: Usage, right: Usage): Usage {
  const merged = { ...left };
  for (const [model, usage] of Object.entries(right)) {
    const current = { ...(merged[model] ?? {}) };
    for (const [key, value] of Object.entries(usage)) current[key] = (current[key] ?? 0) + value;
    merged[model] = current;
  }
  return merged;
}
