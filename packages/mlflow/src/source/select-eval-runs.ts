import type { MlflowClient } from '../client/mlflow-client.js';
import type { Run } from '../client/mlflow-schemas.js';
import type { RunSelection } from '../settings/mlflow-source-config.js';

const finished = "attributes.status = 'FINISHED'";
const isEval = "tags.`mlflow.run.isEval` = 'true'";

/**
 * The run an eval summary comes from: for `latest` and `all`, the newest FINISHED run tagged
 * `mlflow.run.isEval = true` (what `mlflow.genai.evaluate` sets), else the newest FINISHED run (legacy
 * `mlflow.evaluate` sets no tag); for a filter, the newest run that matches it.
 */
export async function findSummaryRun(
  client: MlflowClient,
  experimentId: string,
  selection: RunSelection,
  signal?: AbortSignal,
): Promise<Run | undefined> {
  const newest = async (filter: string) => {
    const page = await client.searchRuns(
      { experimentIds: [experimentId], filter, orderBy: ['attributes.start_time DESC'], maxResults: 1 },
      signal ? { signal } : {},
    );
    return page.items[0];
  };
  if (selection.kind === 'filter') return newest(selection.filter);
  return (await newest(`${isEval} and ${finished}`)) ?? (await newest(finished));
}

/**
 * The runs whose rows are records, oldest first so that a cursor can resume after a run: the summary run for
 * `latest`, every FINISHED run for `all`, every run matching the filter otherwise.
 */
export async function* listSelectedRuns(
  client: MlflowClient,
  experimentId: string,
  selection: RunSelection,
  signal?: AbortSignal,
): AsyncGenerator<Run> {
  if (selection.kind === 'latest') {
    const run = await findSummaryRun(client, experimentId, selection, signal);
    if (run) yield run;
    return;
  }
  const pages = client.searchAllRuns(
    {
      experimentIds: [experimentId],
      filter: selection.kind === 'all' ? finished : selection.filter,
      orderBy: ['attributes.start_time ASC'],
      maxResults: 100,
    },
    signal ? { signal } : {},
  );
  const ordered: Run[] = [];
  for await (const page of pages) ordered.push(...page);
  // Ties in start_time are broken by run id, the order the resume check assumes.
  ordered.sort((a, b) => {
    const left = runKey(a);
    const right = runKey(b);
    return left.start - right.start || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
  });
  yield* ordered;
}

/** A run's position in the resume order. */
export function runKey(run: Run): { id: string; start: number } {
  return { id: run.info.run_id ?? run.info.run_uuid ?? '', start: run.info.start_time ?? 0 };
}
