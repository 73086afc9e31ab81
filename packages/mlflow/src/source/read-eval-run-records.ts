import { timeWindowFilter } from '@slokit/adapter-utils';
import type { ReadRecordsOptions, RecordBatch } from '@slokit/core';
import { overlapMs, runSelection } from '../settings/mlflow-source-config.js';
import { type MlflowAdapterContext, requireExperiment } from './mlflow-adapter-context.js';
import { readEvalTable } from './read-eval-table.js';
import { readTracePages } from './read-trace-pages.js';
import { listSelectedRuns, runKey } from './select-eval-runs.js';
import { decodeCursor, encodeCursor, runCursor } from './source-cursor.js';
import { mappingContext, tracesToBatch, windowBounds } from './trace-batches.js';

/**
 * An eval-runs source's records: each selected run's per-row traces (`trace.run_id`), or, for a legacy
 * `mlflow.evaluate` run, the rows of its results table; oldest run first, so a cursor resumes after a run.
 */
export async function* readEvalRunRecords(
  adapter: MlflowAdapterContext,
  options: ReadRecordsOptions,
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
