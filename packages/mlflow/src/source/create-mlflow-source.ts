import { timeWindowFilter } from '@slokit/adapter-utils';
import type { EvalRecord, EvalSourceV1, RecordBatch, RecordIssue, SourceContext } from '@slokit/core';
import type { Run, TraceInfo } from '../client/mlflow-schemas.js';
import { evalTableRowToRecord, parseEvalTable } from '../mapping/eval-table-to-records.js';
import { runToEvalSummary } from '../mapping/run-to-eval-summary.js';
import { type TraceMappingContext, traceToRecord } from '../mapping/trace-to-record.js';
import { overlapMs, runSelection } from '../settings/mlflow-source-config.js';
import { findEvalTable } from './find-eval-table.js';
import {
  createMlflowAdapterContext,
  type MlflowAdapterContext,
  type MlflowAdapterOptions,
  requireExperiment,
} from './mlflow-adapter-context.js';
import { readTracePages, type TracesCursor } from './read-trace-pages.js';
import { findSummaryRun, listSelectedRuns, runKey } from './select-eval-runs.js';
import { decodeCursor, encodeCursor, type SourceCursor } from './source-cursor.js';

const tableBatchSize = 500;

/**
 * The `type: mlflow` source. With `traces:` it reads the experiment's finished traces as records (incrementally by
 * `timestamp_ms`); otherwise, or with `runs:` too, its eval runs: `readEvalSummary()` gives the selected run's
 * metrics under their MLflow keys, and records are the runs' per-row traces (`trace.run_id`, i.e. mlflow.sourceRun
 * or a link) or, for legacy `mlflow.evaluate` runs, the rows of their `eval_results_table.json`.
 */
export function createMlflowSource(
  name: string,
  config: unknown,
  context: SourceContext,
  options: MlflowAdapterOptions = {},
): EvalSourceV1 {
  const adapter = createMlflowAdapterContext(name, config, context, options);
  const selection = runSelection(adapter.config);
  const source: EvalSourceV1 = {
    specificationVersion: 'v1',
    name,
    type: 'mlflow',
    readRecords: (readOptions = {}) =>
      adapter.config.traces
        ? readTraceRecords(adapter, readOptions)
        : readEvalRunRecords(adapter, readOptions),
  };
  if (selection !== undefined) {
    source.readEvalSummary = async (summaryOptions = {}) => {
      const experiment = await requireExperiment(adapter, summaryOptions.signal);
      const run = await findSummaryRun(
        adapter.client,
        experiment.experiment_id,
        selection,
        summaryOptions.signal,
      );
      if (!run) return undefined;
      const samples = await countEvalRows(adapter, run, summaryOptions.signal);
      return runToEvalSummary(run, samples, adapter.links);
    };
  }
  return source;
}

type ReadOptions = Parameters<EvalSourceV1['readRecords']>[0] & {};

async function* readTraceRecords(
  adapter: MlflowAdapterContext,
  options: ReadOptions,
): AsyncGenerator<RecordBatch> {
  const cursor =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor, adapter.name, 'traces');
  const experiment = await requireExperiment(adapter, options.signal);
  const filter = typeof adapter.config.traces === 'object' ? adapter.config.traces.filter : undefined;
  const mapping = mappingContext(adapter);
  const inWindow = timeWindowFilter(options);
  for await (const page of readTracePages({
    client: adapter.client,
    experimentIds: [experiment.experiment_id],
    ...(filter ? { filters: [filter] } : {}),
    ...windowBounds(options),
    ...(cursor?.mode === 'traces' ? { cursor: cursor.traces } : {}),
    pageSize: adapter.config.pageSize ?? 500,
    overlapMs: overlapMs(adapter.config),
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    const batch = tracesToBatch(page.traces, mapping, inWindow, adapter.name);
    batch.cursor = encodeCursor({ v: 1, mode: 'traces', traces: page.cursor });
    yield batch;
  }
}

async function* readEvalRunRecords(
  adapter: MlflowAdapterContext,
  options: ReadOptions,
): AsyncGenerator<RecordBatch> {
  const selection = runSelection(adapter.config) ?? { kind: 'latest' as const };
  const cursor =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor, adapter.name, 'runs');
  const resume = cursor?.mode === 'runs' ? cursor : undefined;
  const experiment = await requireExperiment(adapter, options.signal);
  const inWindow = timeWindowFilter(options);
  for await (const run of listSelectedRuns(
    adapter.client,
    experiment.experiment_id,
    selection,
    options.signal,
  )) {
    const key = runKey(run);
    if (
      resume &&
      (key.start < resume.run.start || (key.start === resume.run.start && key.id < resume.run.id))
    ) {
      continue;
    }
    const resumingThisRun =
      resume !== undefined && resume.run.id === key.id && resume.run.start === key.start;
    const runName = run.info.run_name;
    const experimentId = run.info.experiment_id ?? experiment.experiment_id;
    const mapping = mappingContext(adapter, { run_id: key.id, ...(runName ? { run_name: runName } : {}) });
    let hasTraces = resumingThisRun && resume.phase === 'traces';
    if (!resumingThisRun || resume.phase === 'traces') {
      for await (const page of readTracePages({
        client: adapter.client,
        experimentIds: [experimentId],
        filters: [`trace.run_id = '${key.id}'`],
        ...windowBounds(options),
        ...(resumingThisRun && resume.traces ? { cursor: resume.traces } : {}),
        pageSize: adapter.config.pageSize ?? 500,
        overlapMs: overlapMs(adapter.config),
        ...(options.signal ? { signal: options.signal } : {}),
      })) {
        if (page.traces.length === 0 && !hasTraces) continue;
        hasTraces = true;
        const batch = tracesToBatch(page.traces, mapping, inWindow, adapter.name);
        batch.cursor = encodeCursor(runCursor(key, 'traces', { traces: page.cursor }));
        yield batch;
      }
    }
    if (hasTraces) continue;
    // A legacy mlflow.evaluate run: its rows live in eval_results_table.json.
    yield* readEvalTable(adapter, run, resumingThisRun ? (resume.rows ?? 0) : 0, inWindow, options.signal);
  }
}

async function* readEvalTable(
  adapter: MlflowAdapterContext,
  run: Run,
  skipRows: number,
  inWindow: (time: number) => boolean,
  signal: AbortSignal | undefined,
): AsyncGenerator<RecordBatch> {
  const key = runKey(run);
  const path = await findEvalTable(adapter.client, run, signal);
  if (path === undefined) return;
  const location = `MLflow run ${key.id} artifact ${path}`;
  const text = (await adapter.client.downloadArtifact(key.id, path, signal ? { signal } : {})).toString(
    'utf8',
  );
  const table = parseEvalTable(text);
  if (!table.ok) {
    yield {
      records: [],
      times: [],
      issues: [{ source: adapter.name, location, message: `${path} ${table.problem}` }],
      cursor: encodeCursor(runCursor(key, 'table', { rows: skipRows })),
    };
    return;
  }
  const time = run.info.end_time || run.info.start_time || undefined;
  const experimentId = run.info.experiment_id;
  const context = {
    source: adapter.name,
    runId: key.id,
    runName: run.info.run_name,
    time,
    url: experimentId === undefined ? undefined : adapter.links.run(experimentId, key.id),
  };
  for (let start = skipRows; start < table.rows.length; start += tableBatchSize) {
    signal?.throwIfAborted();
    const end = Math.min(start + tableBatchSize, table.rows.length);
    const batch: RecordBatch = { records: [], times: [], issues: [] };
    for (let index = start; index < end; index++) {
      const row = table.rows[index];
      if (!Array.isArray(row)) {
        batch.issues.push({
          source: adapter.name,
          location,
          message: `row ${index} is not a list of values`,
        });
        continue;
      }
      const record = evalTableRowToRecord(table.columns, row, index, context);
      const recordTime = time ?? Number.NaN;
      if (!inWindow(recordTime)) continue;
      batch.records.push(record);
      batch.times.push(recordTime);
    }
    batch.cursor = encodeCursor(runCursor(key, 'table', { rows: end }));
    yield batch;
  }
}

/** How many rows the eval scored: its per-row traces, else its table's rows; undefined when neither exists. */
async function countEvalRows(
  adapter: MlflowAdapterContext,
  run: Run,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  const key = runKey(run);
  let count = 0;
  for await (const page of readTracePages({
    client: adapter.client,
    experimentIds: [run.info.experiment_id ?? ''],
    filters: [`trace.run_id = '${key.id}'`],
    pageSize: 500,
    overlapMs: 0,
    ...(signal ? { signal } : {}),
  })) {
    count += page.traces.length;
  }
  if (count > 0) return count;
  const path = await findEvalTable(adapter.client, run, signal);
  if (path === undefined) return undefined;
  const table = parseEvalTable(
    (await adapter.client.downloadArtifact(key.id, path, signal ? { signal } : {})).toString('utf8'),
  );
  return table.ok ? table.rows.length : undefined;
}

function tracesToBatch(
  traces: TraceInfo[],
  mapping: TraceMappingContext,
  inWindow: (time: number) => boolean,
  source: string,
): RecordBatch {
  const records: EvalRecord[] = [];
  const times: number[] = [];
  const issues: RecordIssue[] = [];
  for (const trace of traces) {
    const mapped = traceToRecord(trace, mapping);
    if (mapped.kind === 'record') {
      if (!inWindow(mapped.time)) continue;
      records.push(mapped.record);
      times.push(mapped.time);
    } else if (mapped.kind === 'problem') {
      issues.push({ source, location: `MLflow trace ${trace.trace_id}`, message: mapped.message });
    }
  }
  return { records, times, issues };
}

function mappingContext(
  adapter: MlflowAdapterContext,
  extraMetadata?: Record<string, string>,
): TraceMappingContext {
  return {
    source: adapter.name,
    links: adapter.links,
    prices: adapter.prices,
    ...(adapter.config.cost?.modelKey ? { modelKey: adapter.config.cost.modelKey } : {}),
    ...(extraMetadata ? { extraMetadata } : {}),
  };
}

function windowBounds(options: ReadOptions): { since?: number; until?: number } {
  return {
    ...(options.since ? { since: options.since.getTime() } : {}),
    ...(options.until ? { until: options.until.getTime() } : {}),
  };
}

function runCursor(
  key: { id: string; start: number },
  phase: 'traces' | 'table',
  rest: { traces?: TracesCursor; rows?: number },
): SourceCursor {
  return { v: 1, mode: 'runs', run: key, phase, ...rest };
}
