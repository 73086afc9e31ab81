import type { CallOptions, MlflowClient } from '../client/mlflow-client.js';
import type { Run } from '../client/mlflow-schemas.js';

const tableName = 'eval_results_table.json';

/**
 * The path of a legacy `mlflow.evaluate` results table in a run's artifacts: named by the run tag
 * `mlflow.loggedArtifacts` (`[{"path": "eval_results_table.json", "type": "table"}]`, prefixed when the eval used
 * a metric prefix), else found at the artifact root. Undefined when the run has none.
 */
export async function findEvalTable(
  client: MlflowClient,
  run: Run,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const logged = run.data?.tags?.find((tag) => tag.key === 'mlflow.loggedArtifacts')?.value;
  const fromTag = loggedTablePath(logged);
  if (fromTag !== undefined) return fromTag;
  const runId = run.info.run_id ?? run.info.run_uuid;
  if (runId === undefined) return undefined;
  const call: CallOptions = signal ? { signal } : {};
  let pageToken: string | undefined;
  do {
    const page = await client.listArtifacts({ runId, ...(pageToken ? { pageToken } : {}) }, call);
    const file = page.items.find((item) => !item.is_dir && item.path.endsWith(tableName));
    if (file) return file.path;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return undefined;
}

/** The table path in a `mlflow.loggedArtifacts` tag value; undefined when it lists none. */
export function loggedTablePath(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  try {
    const entries = JSON.parse(tag) as Array<{ path?: unknown; type?: unknown }>;
    if (!Array.isArray(entries)) return undefined;
    const entry = entries.find((item) => typeof item?.path === 'string' && item.path.endsWith(tableName));
    return entry?.path as string | undefined;
  } catch {
    return undefined;
  }
}
