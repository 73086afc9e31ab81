import type { Run } from '../client/mlflow-schemas.js';
import { parseEvalTable } from '../mapping/eval-table-to-records.js';
import { findEvalTable } from './find-eval-table.js';
import type { MlflowAdapterContext } from './mlflow-adapter-context.js';
import { readTracePages } from './read-trace-pages.js';
import { runKey } from './select-eval-runs.js';

/** How many rows the eval scored: its per-row traces, else its table's rows; undefined when neither exists. */
export async function countEvalRows(
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
