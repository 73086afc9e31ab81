import { isPrototypeKey, type RecordBatch } from '@slokit/core';
import type { Run } from '../client/mlflow-schemas.js';
import { evalTableRowToRecord, parseEvalTable } from '../mapping/eval-table-to-records.js';
import { findEvalTable } from './find-eval-table.js';
import type { MlflowAdapterContext } from './mlflow-adapter-context.js';
import { runKey } from './select-eval-runs.js';
import { encodeCursor, runCursor } from './source-cursor.js';

const tableBatchSize = 500;

/** The rows of a legacy run's `eval_results_table.json` as records, from row `skipRows` on. */
export async function* readEvalTable(
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
    const dropped = start === 0 ? prototypeScoreColumns(table.columns) : [];
    if (dropped.length > 0) {
      batch.issues.push({
        source: adapter.name,
        location,
        message: `dropped score columns that would reach an object prototype: ${dropped.join(', ')}`,
      });
    }
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

/** `__proto__/score` and the like: columns whose score name would reach an object prototype. */
function prototypeScoreColumns(columns: readonly string[]): string[] {
  return columns.filter(
    (column) => column.endsWith('/score') && isPrototypeKey(column.slice(0, -'/score'.length)),
  );
}
