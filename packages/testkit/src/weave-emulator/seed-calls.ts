import { Random } from '../random.js';
import { generateSupportBotTraffic, type SupportBotTrafficOptions } from '../support-bot-traffic.js';
import { parseTimestampMicros } from './timestamps.js';
import { callRef, contentDigest, type ProjectStore, type StoredCall } from './trace-store.js';
import { uuidV7 } from './uuid-v7.js';

export interface SupportBotCallsOptions extends SupportBotTrafficOptions {
  /** `entity/project`. */
  project: string;
  /** The root op the production calls run. Default `answer_question`. */
  op?: string;
}

/**
 * Stores generated support-bot traffic as a Python SDK would log it: one root call per request (op ref name, usage
 * in `summary.usage`, the error as `exception`, tenant and prompt version as attributes) and the online judge's
 * scores as scorer feedback (`wandb.runnable.<scorer>` with `payload.output`). Returns what was stored.
 */
export function seedSupportBotCalls(
  store: ProjectStore,
  options: SupportBotCallsOptions,
): { calls: number; feedback: number } {
  const { project, op = 'answer_question', ...traffic } = options;
  const random = new Random(`${traffic.seed ?? 'weave'}:ids`);
  const opName = opRef(project, op);
  let calls = 0;
  let feedback = 0;
  for (const record of generateSupportBotTraffic(traffic)) {
    const startedMicros = parseTimestampMicros(record.timestamp)!;
    const startedMs = startedMicros / 1000;
    const id = uuidV7(startedMs, randomBytes(random));
    const call: StoredCall = {
      id,
      project_id: project,
      op_name: opName,
      display_name: null,
      trace_id: uuidV7(startedMs, randomBytes(random)),
      parent_id: null,
      thread_id: null,
      turn_id: null,
      startedMicros,
      attributes: {
        weave: { client_version: '0.51.56', source: 'python-sdk', sys_version: '3.12.7' },
        tenant: record.metadata.tenant,
        prompt_version: record.metadata.prompt_version,
        region: record.metadata.region,
      },
      inputs: { question: `question from ${record.metadata.user_id}`, user_id: record.metadata.user_id },
      endedMicros: startedMicros + record.latency_ms * 1000,
      exception: record.status === 'error' ? (record.error ?? 'error') : null,
      output: record.status === 'error' ? null : { answer: `answer ${record.id}` },
      summary: {
        usage: {
          [record.metadata.model]: {
            prompt_tokens: record.tokens.prompt,
            completion_tokens: record.tokens.completion,
            total_tokens: record.tokens.total,
            requests: 1,
          },
        },
      },
      wb_user_id: 'emulator-user',
      wb_run_id: null,
      wb_run_step: null,
      wb_run_step_end: null,
    };
    store.putCall(call);
    calls++;
    const scoredAt = new Date(startedMs + record.latency_ms + 1500).toISOString();
    for (const [scorer, value] of Object.entries(record.scores ?? {})) {
      if (value === undefined) continue;
      store.addFeedback({
        id: uuidV7(startedMs + record.latency_ms + 1500, randomBytes(random)),
        project_id: project,
        weave_ref: callRef(project, id),
        feedback_type: `wandb.runnable.${scorer}`,
        payload: { output: value },
        creator: null,
        created_at: scoredAt,
        wb_user_id: 'emulator-user',
        annotation_ref: null,
        runnable_ref: opRef(project, scorer),
        call_ref: callRef(project, uuidV7(startedMs + record.latency_ms + 1000, randomBytes(random))),
        trigger_ref: null,
      });
      feedback++;
    }
  }
  return { calls, feedback };
}

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

/**
 * Stores an evaluation run the way the SDKs log one: an `Evaluation.evaluate` root call whose output is the
 * aggregate summary, one predict-and-score child per row (with the model call and one call per scorer beneath it)
 * and, from Python, an `Evaluation.summarize` call. Rows run one after another from `startedAt`.
 */
export function seedEvaluation(store: ProjectStore, seed: EvaluationSeed): SeededEvaluation {
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
  const evaluationRef = `weave:///${project}/object/${seed.name}:${evaluation.digest}`;
  const modelRef = opRef(project, model);
  const startMicros = parseTimestampMicros(seed.startedAt)!;
  const rootId = uuidV7(startMicros / 1000, randomBytes(random));
  const traceId = uuidV7(startMicros / 1000, randomBytes(random));
  const baseAttributes = {
    weave:
      sdk === 'python'
        ? { client_version: '0.51.56', source: 'python-sdk' }
        : { client_version: '0.11.1', source: 'js-sdk' },
  };
  const call = (
    fields: Partial<StoredCall> & Pick<StoredCall, 'id' | 'op_name' | 'startedMicros'>,
  ): StoredCall => ({
    project_id: project,
    display_name: null,
    trace_id: traceId,
    parent_id: rootId,
    thread_id: null,
    turn_id: null,
    attributes: baseAttributes,
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
  });

  let clock = startMicros + 1000;
  const rowCallIds: string[] = [];
  const summaryRows: Array<Record<string, unknown>> = [];
  let totalUsage: Record<string, Record<string, number>> = {};
  for (const [index, row] of seed.rows.entries()) {
    const rowId = uuidV7(clock / 1000, randomBytes(random));
    rowCallIds.push(rowId);
    const rowStart = clock;
    const modelEnd = rowStart + 500 + row.modelLatencyMs * 1000;
    const usage = row.usage
      ? {
          [row.usage.model]: {
            prompt_tokens: row.usage.prompt,
            completion_tokens: row.usage.completion,
            total_tokens: row.usage.prompt + row.usage.completion,
            requests: 1,
          },
        }
      : undefined;
    if (usage) totalUsage = mergeUsage(totalUsage, usage);
    store.putCall(
      call({
        id: uuidV7(rowStart / 1000, randomBytes(random)),
        op_name: modelRef,
        parent_id: rowId,
        startedMicros: rowStart + 500,
        endedMicros: modelEnd,
        inputs: { question: `question ${index + 1}` },
        exception: row.error ?? null,
        output: row.error ? null : { answer: `answer ${index + 1}` },
        summary: usage ? { usage } : {},
      }),
    );
    let rowEnd = modelEnd + 500;
    if (!row.error) {
      for (const [scorer, value] of Object.entries(row.scores)) {
        store.putCall(
          call({
            id: uuidV7(rowEnd / 1000, randomBytes(random)),
            op_name: opRef(project, scorer),
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
        ? {
            output: row.error ? null : { answer: `answer ${index + 1}` },
            scores,
            model_latency: modelLatency,
          }
        : {
            model_success: !row.error,
            model_output: row.error ? null : { answer: `answer ${index + 1}` },
            scores,
            model_latency: modelLatency,
          };
    const rowSummary: Record<string, unknown> = usage ? { usage } : {};
    if (row.error && sdk === 'python')
      rowSummary.status_counts = { success: Object.keys(row.scores).length, error: 1 };
    store.putCall(
      call({
        id: rowId,
        op_name: opRef(
          project,
          sdk === 'python' ? 'Evaluation.predict_and_score' : 'Evaluation.predictAndScore',
        ),
        startedMicros: rowStart,
        endedMicros: rowEnd,
        inputs: {
          self: evaluationRef,
          model: modelRef,
          example: `weave:///${project}/object/${seed.name}-dataset:${contentDigest(seed.name)}/attr/rows/id/${contentDigest(index)}`,
        },
        output,
        summary: rowSummary,
      }),
    );
    summaryRows.push(
      sdk === 'python'
        ? { ...scores, model_latency: modelLatency }
        : { model_success: !row.error, ...scores, model_latency: modelLatency },
    );
    clock = rowEnd + 1000;
  }
  const output = summarizeRows(summaryRows);
  if (sdk === 'python') {
    store.putCall(
      call({
        id: uuidV7(clock / 1000, randomBytes(random)),
        op_name: opRef(project, 'Evaluation.summarize'),
        startedMicros: clock,
        endedMicros: clock + 2000,
        inputs: { self: evaluationRef },
        output,
      }),
    );
    clock += 3000;
  }
  const errors = seed.rows.filter((row) => row.error).length;
  const rootSummary: Record<string, unknown> =
    Object.keys(totalUsage).length > 0 ? { usage: totalUsage } : {};
  if (errors > 0 && sdk === 'python')
    rootSummary.status_counts = { success: seed.rows.length, error: errors };
  store.putCall(
    call({
      id: rootId,
      parent_id: null,
      op_name: opRef(project, 'Evaluation.evaluate'),
      display_name:
        sdk === 'python' ? `eval-${seed.startedAt.slice(0, 10)}-${seed.name}` : `${seed.name}_${model}`,
      startedMicros: startMicros,
      endedMicros: clock,
      inputs: { self: evaluationRef, model: modelRef },
      output,
      summary: rootSummary,
    }),
  );
  return { evaluationCallId: rootId, rowCallIds, output, endedAt: new Date(clock / 1000).toISOString() };
}

/** The SDKs' aggregate of rows: booleans → `{true_count, true_fraction}`, numbers → `{mean}`, dicts recursed. */
export function summarizeRows(rows: Array<Record<string, unknown> | null>): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  const keys = new Set(rows.flatMap((row) => Object.keys(row ?? {})));
  for (const key of keys) {
    const values = rows.map((row) => (row === null ? null : (row[key] ?? null)));
    if (values.some((value) => value !== null && typeof value === 'object' && !Array.isArray(value))) {
      const nested = summarizeRows(
        values.map((value) =>
          value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null,
        ),
      );
      if (Object.keys(nested).length > 0) summary[key] = nested;
      continue;
    }
    const present = values.filter((value) => value !== null);
    if (present.length === 0) continue;
    if (present.every((value) => typeof value === 'boolean')) {
      const trueCount = present.filter(Boolean).length;
      summary[key] = { true_count: trueCount, true_fraction: trueCount / values.length };
    } else if (present.every((value) => typeof value === 'number')) {
      summary[key] = { mean: (present as number[]).reduce((sum, value) => sum + value, 0) / values.length };
    }
  }
  return summary;
}

function mergeUsage(
  left: Record<string, Record<string, number>>,
  right: Record<string, Record<string, number>>,
): Record<string, Record<string, number>> {
  const merged = { ...left };
  for (const [model, usage] of Object.entries(right)) {
    const current = { ...(merged[model] ?? {}) };
    for (const [key, value] of Object.entries(usage)) current[key] = (current[key] ?? 0) + value;
    merged[model] = current;
  }
  return merged;
}

export function opRef(project: string, op: string): string {
  return `weave:///${project}/op/${op}:${contentDigest(`op:${op}`)}`;
}

function randomBytes(random: Random): Uint8Array {
  const bytes = new Uint8Array(10);
  for (let index = 0; index < 10; index++) bytes[index] = Math.floor(random.next() * 256);
  return bytes;
}
